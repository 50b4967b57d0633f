package org.dynnd.daemon.logging;

import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.event.Level;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.helpers.NOPMDCAdapter;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * The daemon's SLF4J binding: records go to stderr, with syslog priority prefixes when the
 * stream is the journal ({@code JOURNAL_STREAM} is set by systemd) or when
 * {@code -Ddynnd.log.prefix=true}. The threshold is {@code -Ddynnd.log.level} (error, warn,
 * info, debug, trace; default info).
 */
public final class JournalServiceProvider implements SLF4JServiceProvider {

    private final IMarkerFactory markers = new BasicMarkerFactory();
    private final MDCAdapter mdc = new NOPMDCAdapter();
    private ILoggerFactory factory;

    @Override
    public ILoggerFactory getLoggerFactory() {
        return factory;
    }

    @Override
    public IMarkerFactory getMarkerFactory() {
        return markers;
    }

    @Override
    public MDCAdapter getMDCAdapter() {
        return mdc;
    }

    @Override
    public String getRequestedApiVersion() {
        return "2.0.99";
    }

    @Override
    public void initialize() {
        Level threshold = level(System.getProperty("dynnd.log.level", "info"));
        JournalFormat format = JournalFormat.forThisProcess();
        factory = new JournalLoggerFactory(format, System.err, threshold);
    }

    private static Level level(String name) {
        try {
            return JournalLoggerFactory.level(name);
        } catch (IllegalArgumentException e) {
            System.err.println("dynnd.log.level is '" + name + "'; use error, warn, info, debug or trace. Using info.");
            return Level.INFO;
        }
    }
}
