package org.dynnd.daemon.logging;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.slf4j.event.Level;

/**
 * How a log record becomes text. For the journal every line starts with the syslog priority in
 * angle brackets ({@code <3>} error … {@code <7>} debug), which journald strips and keeps as the
 * entry's level; a stack trace's lines carry it too, since journald reads each line on its own.
 * On a terminal the level is spelt out instead.
 */
public final class JournalFormat {

    private final boolean prefix;

    /** @param prefix true for syslog priority prefixes, false for readable level names */
    public JournalFormat(boolean prefix) {
        this.prefix = prefix;
    }

    /**
     * The format for this process: priority prefixes when its output goes to the journal (systemd
     * sets {@code JOURNAL_STREAM} for a unit whose output is the journal) or when the
     * {@code dynnd.log.prefix} property says so.
     */
    public static JournalFormat forThisProcess() {
        String property = System.getProperty("dynnd.log.prefix");
        return new JournalFormat(property != null ? Boolean.parseBoolean(property) : System.getenv("JOURNAL_STREAM") != null);
    }

    /** One line of {@code text} at {@code level}, without a logger's name, ending in a newline. */
    public String line(Level level, String text) {
        return (prefix ? "<" + priority(level) + ">" : "") + text.replace('\n', ' ') + "\n";
    }

    /** The syslog priority of {@code level}. */
    public static int priority(Level level) {
        return switch (level) {
            case ERROR -> 3;
            case WARN -> 4;
            case INFO -> 6;
            case DEBUG, TRACE -> 7;
        };
    }

    /** The text of one record, ending in a newline. */
    public String format(Level level, String logger, String message, Throwable error) {
        String text = logger + ": " + message;
        if (error != null) {
            StringWriter trace = new StringWriter();
            error.printStackTrace(new PrintWriter(trace));
            text = text + "\n" + trace.toString().stripTrailing();
        }
        String head = prefix ? "<" + priority(level) + ">" : level + " ";
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (String line : text.split("\n", -1)) {
            out.append(head).append(line).append('\n');
        }
        return out.toString();
    }
}
