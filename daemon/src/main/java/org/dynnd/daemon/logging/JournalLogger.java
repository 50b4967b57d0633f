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

    /** @param threshold the lowest level written, as {@link Level#toInt()}; shared by every logger and changeable */
    JournalLogger(String name, JournalFormat format, PrintStream out, AtomicInteger threshold) {
        this.name = name;
        this.format = format;
        this.out = out;
        this.threshold = threshold;
    }

    private boolean enabled(Level level) {
        return level.toInt() >= threshold.get();
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
        out.print(format.format(level, shortName, message, error));
        out.flush();
    }
}
