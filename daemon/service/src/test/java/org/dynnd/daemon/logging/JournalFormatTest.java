package org.dynnd.daemon.logging;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

class JournalFormatTest {

    @Test
    void everyLineCarriesTheSyslogPriority() {
        JournalFormat journal = new JournalFormat(true);
        assertThat(journal.format(Level.ERROR, "SocketServer", "bind failed", null)).isEqualTo("<3>SocketServer: bind failed\n");
        assertThat(journal.format(Level.WARN, "A", "w", null)).isEqualTo("<4>A: w\n");
        assertThat(journal.format(Level.INFO, "A", "i", null)).isEqualTo("<6>A: i\n");
        assertThat(journal.format(Level.DEBUG, "A", "d", null)).isEqualTo("<7>A: d\n");
        String trace = journal.format(Level.ERROR, "A", "failed", new IllegalStateException("boom"));
        assertThat(trace.split("\n")).hasSizeGreaterThan(2).allMatch(line -> line.startsWith("<3>"));
        assertThat(trace).contains("<3>java.lang.IllegalStateException: boom\n");
    }

    @Test
    void terminalFormatSpellsTheLevel() {
        assertThat(new JournalFormat(false).format(Level.WARN, "A", "two\nlines", null)).isEqualTo("WARN A: two\nWARN lines\n");
    }

    @Test
    void slf4jUsesThisBinding() {
        assertThat(LoggerFactory.getILoggerFactory().getLogger("x").getClass().getName())
                .isEqualTo("org.dynnd.daemon.logging.JournalLogger");
    }
}
