package org.dynnd.daemon.reload;

import java.util.Set;
import java.util.function.Consumer;
import org.dynnd.daemon.config.DynndConfig;
import org.dynnd.daemon.logging.JournalLoggerFactory;
import org.slf4j.event.Level;

/** The log's side of a reload: the lowest level written ({@code daemon.log_level}). */
public final class LogLevelPart implements LivePart {

    private final Consumer<Level> threshold;

    /** @param threshold sets the lowest level the daemon's loggers write ({@code JournalLoggerFactory::threshold}) */
    public LogLevelPart(Consumer<Level> threshold) {
        this.threshold = threshold;
    }

    @Override
    public String name() {
        return "log";
    }

    @Override
    public Set<String> keys() {
        return Set.of("daemon.log_level");
    }

    @Override
    public Commit prepare(DynndConfig next, ConfigDiff diff) {
        Level level = JournalLoggerFactory.level(next.daemon().logLevel());
        return () -> threshold.accept(level);
    }
}
