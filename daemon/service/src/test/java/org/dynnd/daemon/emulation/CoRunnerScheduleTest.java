package org.dynnd.daemon.emulation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class CoRunnerScheduleTest {

    private static final long S = 1_000_000_000L;

    private final AtomicLong clock = new AtomicLong(100 * S);
    private final CoRunnerSchedule schedule = new CoRunnerSchedule(List.of(
            new CoRunnerSchedule.CoRunner(1, 10 * S, 5 * S, 1.8, 0.75),
            new CoRunnerSchedule.CoRunner(0, 12 * S, 1 * S, 3.0, 0.0)), clock::get);

    @Test
    void nothingRunsBeforeTimeZeroIsSet() {
        clock.addAndGet(11 * S);
        assertThat(schedule.running(1)).isFalse();
        assertThat(schedule.slowdown(1)).isEqualTo(1.0);
        assertThat(schedule.load(1)).isZero();
    }

    @Test
    void aCoRunnerSlowsAndLoadsItsUnitOnlyInsideItsWindow() {
        schedule.start();
        clock.addAndGet(10 * S - 1);
        assertThat(schedule.running(1)).isFalse();
        clock.addAndGet(1);
        assertThat(schedule.running(1)).isTrue();
        assertThat(schedule.slowdown(1)).isEqualTo(1.8);
        assertThat(schedule.load(1)).isEqualTo(0.75);
        assertThat(schedule.running(0)).isFalse();
        clock.addAndGet(2 * S);
        assertThat(schedule.slowdown(0)).isEqualTo(3.0);
        assertThat(schedule.load(0)).isZero();
        clock.addAndGet(3 * S - 1);
        assertThat(schedule.running(1)).isTrue();
        clock.addAndGet(1);
        assertThat(schedule.running(1)).isFalse();
        assertThat(schedule.slowdown(1)).isEqualTo(1.0);
    }

    @Test
    void onlyTheFirstStartSetsTimeZero() {
        schedule.start();
        clock.addAndGet(9 * S);
        schedule.start();
        clock.addAndGet(1 * S);
        assertThat(schedule.running(1)).isTrue();
    }
}
