package org.dynnd.daemon.logging;

import java.io.PrintStream;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;

/** A logger that writes whole records to one stream, in the {@link JournalFormat}. */
final class JournalLogger extends LegacyAbstractLogger {
    private static final long serialVersionUID = 1L;

    private final transient JournalFormat format;
    private final transient PrintStream out;
    private final transient AtomicInteger threshold;
    private final Level ceiling;

    /**
     * @param threshold the lowest level written, as {@link Level#toInt()}; shared by every logger and changeable
     * @param ceiling the highest level this logger's records are written at (a record above it is written at it)
     */
    JournalLogger(String name, JournalFormat format, PrintStream out, AtomicInteger threshold, Level ceiling) {
        this.name = name;
        this.format = format;
        this.out = out;
        this.threshold = threshold;
        this.ceiling = ceiling;
    }

    private Level capped(Level level) {
        return level.toInt() > ceiling.toInt() ? ceiling : level;
    }

    private boolean enabled(Level level) {
        return capped(level).toInt() >= threshold.get();
    }

    @Override
    public boolean isTraceEnabled() {
        return enabled(Level.TRACE);
    }

    @Override
    public boolean isDebugEnabled() {
        return enabled(Level.DEBUG);
    }

    @Override
    public boolean isInfoEnabled() {
        return enabled(Level.INFO);
    }

    @Override
    public boolean isWarnEnabled() {
        return enabled(Level.WARN);
    }

    @Override
    public boolean isErrorEnabled() {
        return enabled(Level.ERROR);
    }

    @Override
    protected String getFullyQualifiedCallerName() {
        return null;
    }

    @Override
    protected void handleNormalizedLoggingCall(Level level, Marker marker, String pattern, Object[] args, Throwable error) {
        String message = MessageFormatter.basicArrayFormat(pattern, args);
        String shortName = name.substring(name.lastIndexOf('.') + 1);
        // One print call per record, so records of different threads do not interleave.
        out.print(format.format(capped(level), shortName, message, error));
        out.flush();
    }
}
