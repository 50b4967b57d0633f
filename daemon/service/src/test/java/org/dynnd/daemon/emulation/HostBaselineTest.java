package org.dynnd.daemon.emulation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HostBaselineTest {

    @Test
    void aWrongStartUpReferenceIsOutvotedByWhatTheHostReallyTakes() {
        // k=2 measured three times too slow at start: its first inferences look fast, then typical.
        HostBaseline host = new HostBaseline(new double[] {1.0, 6.0});
        assertThat(host.typicalMs(2, 2.0)).isEqualTo(4.0);
        assertThat(host.typicalMs(2, 2.0)).isEqualTo(2.0);
        for (int i = 0; i < 10; i++) {
            host.typicalMs(2, 2.0);
        }
        assertThat(host.typicalMs(2, 3.0)).isEqualTo(2.0);
    }

    @Test
    void eachKKeepsItsOwnWindow() {
        HostBaseline host = new HostBaseline(new double[] {1.0, 6.0});
        for (int i = 0; i < 5; i++) {
            host.typicalMs(1, 1.5);
        }
        assertThat(host.typicalMs(2, 6.0)).isEqualTo(6.0);
        assertThat(host.typicalMs(1, 1.5)).isEqualTo(1.5);
    }

    @Test
    void onlyTheLastWindowCounts() {
        HostBaseline host = new HostBaseline(new double[] {1.0});
        for (int i = 0; i < HostBaseline.WINDOW; i++) {
            host.typicalMs(1, 10.0);
        }
        // The start-up value and all but the newest inferences have left the window.
        for (int i = 0; i < HostBaseline.WINDOW - 1; i++) {
            host.typicalMs(1, 5.0);
        }
        assertThat(host.typicalMs(1, 5.0)).isEqualTo(5.0);
    }
}
