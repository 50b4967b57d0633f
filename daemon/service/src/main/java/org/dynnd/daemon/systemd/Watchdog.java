package org.dynnd.daemon.systemd;

import java.io.IOException;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Feeds systemd's watchdog at half of {@code WATCHDOG_USEC}, but only while the health check
 * passes: a control loop that hangs stops the pings and systemd restarts the service.
 */
public final class Watchdog implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Watchdog.class);

    private final SdNotify notify;
    private final BooleanSupplier healthy;
    private volatile ScheduledFuture<?> task;
    private boolean withholding;
    private boolean sendFailing;

    public Watchdog(SdNotify notify, BooleanSupplier healthy) {
        this.notify = notify;
        this.healthy = healthy;
    }

    /**
     * The watchdog timeout systemd asked for, in microseconds: {@code WATCHDOG_USEC}, when
     * {@code WATCHDOG_PID} is unset or names {@code pid}.
     *
     * @throws IllegalArgumentException when a variable is not a positive number
     */
    public static OptionalLong timeoutMicros(Map<String, String> environment, long pid) {
        String usec = environment.get("WATCHDOG_USEC");
        if (usec == null || usec.isEmpty()) {
            return OptionalLong.empty();
        }
        String forPid = environment.get("WATCHDOG_PID");
        if (forPid != null && !forPid.isEmpty() && !forPid.equals(Long.toString(pid))) {
            return OptionalLong.empty(); // meant for another process (we were forked or exec'd into)
        }
        try {
            long value = Long.parseLong(usec);
            if (value <= 0) {
                throw new NumberFormatException();
            }
            return OptionalLong.of(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("WATCHDOG_USEC is '" + usec + "'; systemd sets a positive number of microseconds");
        }
    }

    /** Pings every {@code timeoutMicros / 2} on {@code scheduler}. */
    public synchronized void start(ScheduledExecutorService scheduler, long timeoutMicros) {
        long interval = Math.max(1, timeoutMicros / 2);
        task = scheduler.scheduleAtFixedRate(this::tick, 0, interval, TimeUnit.MICROSECONDS);
    }

    /** One ping, if healthy; returns whether it was sent. */
    public synchronized boolean tick() {
        boolean ok;
        try {
            ok = healthy.getAsBoolean();
        } catch (RuntimeException e) {
            ok = false;
        }
        if (!ok) {
            if (!withholding) {
                LOG.error("health check failing: withholding watchdog pings");
                withholding = true;
            }
            return false;
        }
        if (withholding) {
            LOG.info("health check passes again: watchdog pings resume");
            withholding = false;
        }
        try {
            notify.watchdog();
            sendFailing = false;
            return true;
        } catch (IOException e) {
            if (!sendFailing) {
                LOG.warn("cannot ping the watchdog: {}", e.getMessage());
                sendFailing = true;
            }
            return false;
        }
    }

    /** Stops the pings; never waits for a tick in progress. */
    @Override
    public void close() {
        ScheduledFuture<?> running = task;
        if (running != null) {
            running.cancel(false);
        }
    }
}
