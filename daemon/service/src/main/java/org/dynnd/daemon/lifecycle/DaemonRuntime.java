package org.dynnd.daemon.lifecycle;

import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.dynnd.daemon.reload.LivePart;
import org.dynnd.daemon.server.SocketServer;
import org.dynnd.daemon.service.ClientBudget;
import org.dynnd.daemon.service.TelemetrySample;
import org.dynnd.daemon.state.RestoreReport;
import org.dynnd.daemon.systemd.ProcessSignals;
import org.dynnd.daemon.systemd.SdNotify;
import org.dynnd.daemon.systemd.SocketActivation;
import org.dynnd.daemon.systemd.Watchdog;
import org.dynnd.daemon.telemetry.PrometheusTextFile;
import org.dynnd.daemon.telemetry.TelemetryLoop;
import org.dynnd.daemon.telemetry.TelemetryRing;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the service around the governor and the model: the socket server (on systemd's socket
 * or its own), the telemetry loop, the watchdog, the signals, and tells systemd what happens.
 *
 * <p>Start order: (the board session has restored what a run that died left changed before
 * anything may write sysfs) → server serving → telemetry → {@code READY=1} → watchdog. Stop order: {@code STOPPING=1}
 * → new budgets and inferences refused → telemetry and watchdog stopped → hardware restored →
 * connections closed, socket removed.
 */
public final class DaemonRuntime {

    private static final Logger LOG = LoggerFactory.getLogger(DaemonRuntime.class);

    private final RuntimeParts parts;
    private final SdNotify notify;
    private final SocketServer server;
    private final TelemetryLoop telemetry;
    private final Watchdog watchdog;
    private final ScheduledExecutorService scheduler;
    private final TelemetryRing ring;
    private final ProcessSignals signals;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile String lastStatus = "";

    private DaemonRuntime(RuntimeParts parts, SdNotify notify, SocketServer server, TelemetryLoop telemetry, Watchdog watchdog,
            ScheduledExecutorService scheduler, TelemetryRing ring) {
        this.parts = parts;
        this.ring = ring;
        this.notify = notify;
        this.server = server;
        this.telemetry = telemetry;
        this.watchdog = watchdog;
        this.scheduler = scheduler;
        this.signals = new ProcessSignals(this::stop, this::reload);
    }

    /**
     * Starts serving and tells systemd it is ready.
     *
     * @param environment the process environment ({@code LISTEN_*}, {@code NOTIFY_SOCKET}, {@code WATCHDOG_*})
     * @param pid this process's id
     */
    public static DaemonRuntime start(RuntimeParts parts, Map<String, String> environment, long pid) throws IOException {
        SdNotify notify = SdNotify.fromEnvironment(environment);
        TelemetryRing ring = TelemetryRing.forHistory(parts.historySeconds(), parts.periodMillis());
        SocketServer server = new SocketServer(parts.settings(), parts.governor(), parts.inference(), parts.inferenceThreads(),
                parts.access(), parts.identities(), ring);
        try {
            Optional<SocketActivation> activation = SocketActivation.fromEnvironment(environment, pid);
            if (activation.isPresent()) {
                server.adopt(activation.get().listeningFd("dynnd"));
            } else {
                server.bind(parts.socket());
            }
        } catch (IOException | RuntimeException e) {
            server.close();
            throw e;
        }
        ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(1, r -> {
            Thread t = new Thread(r, "dynnd-telemetry");
            t.setDaemon(true);
            return t;
        });
        TelemetryLoop telemetry = new TelemetryLoop(parts.governor(), ring, parts.prometheusFile().map(PrometheusTextFile::new),
                server::effectiveBudget);
        Watchdog watchdog = new Watchdog(notify, parts.governor()::healthy);
        DaemonRuntime runtime = new DaemonRuntime(parts, notify, server, telemetry, watchdog, scheduler, ring);
        telemetry.addListener(server::broadcast);
        telemetry.addListener(runtime::statusLine);
        telemetry.start(scheduler, parts.periodMillis());
        String status = "serving at " + server.arbitration().decision().op().label();
        runtime.lastStatus = status;
        sendNotify(() -> notify.ready(status));
        LOG.info("ready: {}", status);
        OptionalLong timeout = Watchdog.timeoutMicros(environment, pid);
        if (timeout.isPresent()) {
            watchdog.start(scheduler, timeout.getAsLong());
        }
        return runtime;
    }

    /** Installs the SIGTERM/SIGINT (stop) and SIGHUP (reload) handlers. */
    public DaemonRuntime installSignals() {
        signals.install();
        return this;
    }

    /** The socket server, for the budget and telemetry it serves. */
    public SocketServer server() {
        return server;
    }

    /** What takes new telemetry settings (Prometheus file, history, period) when the configuration is reloaded. */
    public LivePart telemetryPart() {
        return new TelemetryLivePart(telemetry, ring, scheduler);
    }

    /** Runs {@code work} while no request is being handled (see {@link SocketServer#exclusive}). */
    public void exclusive(Runnable work) {
        server.exclusive(work);
    }

    /** Blocks until {@link #stop} has finished. */
    public void awaitStop() throws InterruptedException {
        stopped.await();
    }

    /** Stops in the documented order; only the first call does anything. */
    public void stop() {
        if (stopped.getCount() == 0) {
            return;
        }
        synchronized (this) {
            if (stopped.getCount() == 0) {
                return;
            }
            sendNotify(notify::stopping);
            server.beginShutdown();
            telemetry.close();
            watchdog.close();
            scheduler.shutdownNow();
            try {
                RestoreReport report = parts.hardware().restore();
                LOG.info("hardware restored: {} files", report.restored());
                report.failures().forEach(f -> LOG.error("could not restore {}", f));
            } catch (IOException e) {
                LOG.error("cannot restore the hardware: {}", e.toString());
            }
            server.close();
            stopped.countDown();
        }
    }

    /** SIGHUP: systemd sees the service reloading until the hook has applied or refused the new configuration. */
    ProcessSignals.ReloadOutcome reload() {
        // System.nanoTime is CLOCK_MONOTONIC on Linux, the clock sd_notify's MONOTONIC_USEC is read on.
        sendNotify(() -> notify.reloading(System.nanoTime() / 1000));
        try {
            return parts.reload().reload();
        } finally {
            sendNotify(() -> notify.reloaded(lastStatus));
        }
    }

    /** {@code STATUS=} follows the operating point and the budget, sent only when it changes. */
    private void statusLine(TelemetrySample sample) {
        ClientBudget budget = server.effectiveBudget();
        String status = "serving at " + sample.op().label() + (budget.unconstrained() ? "" : ", budget "
                + (budget.latencyMs() == null ? "" : budget.latencyMs() + " ms ") + (budget.powerW() == null ? "" : budget.powerW() + " W ")
                + (server.arbitration().decision().feasible() ? "met" : "infeasible"))
                + (sample.degraded().isEmpty() ? "" : ", degraded: " + String.join(", ", sample.degraded()));
        // Sent only when it changes, so it counts as sent only once it was: a send refused while
        // systemd's queue is full (EAGAIN) is tried again with the next sample, not lost for good.
        if (!status.equals(lastStatus) && sendNotify(() -> notify.status(status))) {
            lastStatus = status;
        }
    }

    private interface NotifyCall {
        void send() throws IOException;
    }

    /** Sends, logging a failure; whether it was sent. */
    private static boolean sendNotify(NotifyCall call) {
        try {
            call.send();
            return true;
        } catch (IOException e) {
            LOG.warn("cannot notify systemd: {}", e.getMessage());
            return false;
        }
    }
}
