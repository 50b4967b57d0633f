package org.dynnd.daemon.logging;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.ILoggerFactory;
import org.slf4j.Logger;
import org.slf4j.event.Level;

/**
 * The daemon's loggers, all sharing one threshold that {@link #threshold(Level)} moves at run time
 * (a reloaded {@code daemon.log_level}): loggers already handed out follow it at once.
 */
public final class JournalLoggerFactory implements ILoggerFactory {

    /**
     * Libraries' loggers whose warnings are about what the daemon never uses, written at debug
     * level: Netty lists the network interfaces when its native transport loads and warns when
     * there are none, but dynnd speaks AF_UNIX only and its unit forbids every other address
     * family; DJL looks for CUDA on every start and warns on a board without it, where the CPU
     * engine is the one dynnd ships.
     */
    private static final Map<String, Level> CEILINGS = Map.of(
            "io.netty.util.NetUtilInitializations", Level.DEBUG,
            "io.netty.util.NetUtil", Level.DEBUG,
            "io.netty.util.internal.MacAddressUtil", Level.DEBUG,
            "ai.djl.util.cuda.CudaUtils", Level.DEBUG);

    private final Map<String, JournalLogger> loggers = new ConcurrentHashMap<>();
    private final JournalFormat format;
    private final PrintStream out;
    private final AtomicInteger threshold;

    JournalLoggerFactory(JournalFormat format, PrintStream out, Level threshold) {
        this.format = format;
        this.out = out;
        this.threshold = new AtomicInteger(threshold.toInt());
    }

    @Override
    public Logger getLogger(String name) {
        return loggers.computeIfAbsent(name, n -> new JournalLogger(n, format, out, threshold,
                CEILINGS.getOrDefault(n, Level.ERROR)));
    }

    /** The lowest level written from now on. */
    public void threshold(Level level) {
        threshold.set(level.toInt());
    }

    /** The level of a configuration's {@code daemon.log_level} (error, warn, info, debug, trace). */
    public static Level level(String name) {
        return Level.valueOf(name.trim().toUpperCase(Locale.ROOT));
    }
}
