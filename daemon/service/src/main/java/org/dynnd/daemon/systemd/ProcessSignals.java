package org.dynnd.daemon.systemd;

import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * The daemon's signals: SIGTERM and SIGINT run the stop action once (restore the hardware,
 * remove the socket, exit 0); SIGHUP asks the reload hook, which may refuse an invalid new
 * configuration and keep the old one.
 */
public final class ProcessSignals {

    private static final Logger LOG = LoggerFactory.getLogger(ProcessSignals.class);

    /** Reloads the configuration. */
    @FunctionalInterface
    public interface ReloadHook {
        /** Applies the new configuration, or refuses it with the reason. */
        ReloadOutcome reload();
    }

    /**
     * @param accepted whether the new configuration is now in force
     * @param message what changed, or why it was refused (file, key, what is allowed)
     */
    public record ReloadOutcome(boolean accepted, String message) {}

    private final Runnable stop;
    private final ReloadHook reload;
    private final AtomicBoolean stopped = new AtomicBoolean();

    public ProcessSignals(Runnable stop, ReloadHook reload) {
        this.stop = stop;
        this.reload = reload;
    }

    /** Installs the handlers for TERM, INT and HUP in this JVM. */
    public void install() {
        installStop();
        installReload();
    }

    /** Installs the handlers for TERM and INT (they replace the JVM's own exit on these signals). */
    public void installStop() {
        Signal.handle(new Signal("TERM"), s -> onStop("SIGTERM"));
        Signal.handle(new Signal("INT"), s -> onStop("SIGINT"));
    }

    /**
     * Installs the handler for HUP; false when the process was started with SIGHUP ignored (under
     * {@code nohup}): the JVM then leaves it ignored, and a configuration change needs a restart.
     */
    public boolean installReload() {
        SignalHandler previous = Signal.handle(new Signal("HUP"), s -> onReload());
        if (previous == SignalHandler.SIG_IGN) {
            LOG.warn("SIGHUP is ignored by this process (started under nohup?): the configuration is not reloaded on"
                    + " SIGHUP, restart to change it");
            return false;
        }
        return true;
    }

    /** What SIGTERM and SIGINT do; only the first call runs the stop action. */
    public void onStop(String signal) {
        if (stopped.compareAndSet(false, true)) {
            LOG.info("{}: stopping", signal);
            stop.run();
        }
    }

    /** What SIGHUP does; returns the hook's outcome (a failing hook counts as a refusal). */
    public ReloadOutcome onReload() {
        ReloadOutcome outcome;
        try {
            outcome = reload.reload();
        } catch (RuntimeException e) {
            outcome = new ReloadOutcome(false, "reload failed: " + e);
        }
        if (outcome.accepted()) {
            LOG.info("SIGHUP: configuration reloaded: {}", outcome.message());
        } else {
            LOG.error("SIGHUP: new configuration refused, the old one stays in force: {}", outcome.message());
        }
        return outcome;
    }
}
