package org.dynnd.daemon.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DynamicRangesTest {

    /** Two units ("big" faster, "little" frugal) at two frequencies, k = 1, 2; power is per unit and frequency. */
    private static List<OpPoint> space() {
        List<OpPoint> points = new ArrayList<>();
        // unit, frequency (MHz), max?, latency of k=1 and k=2 (ms), power (W)
        Object[][] rows = {
            {"big", 2000L, true, 1.0, 2.0, 4.0},
            {"big", 1000L, false, 2.0, 4.0, 1.5},
            {"little", 1000L, true, 4.0, 8.0, 0.5},
            {"little", 500L, false, 8.0, 16.0, 0.2},
        };
        int index = 0;
        for (Object[] r : rows) {
            for (int k = 1; k <= 2; k++) {
                double latency = (double) r[2 + k];
                double power = (double) r[5];
                points.add(new OpPoint(index++, k, (String) r[0], (long) r[1] * 1000, (boolean) r[2], k == 1 ? 80 : 90,
                        latency, power, power * latency));
            }
        }
        // A point worse than big@2000 k=2 in everything: it must not widen any range.
        points.add(new OpPoint(index, 2, "big", 1500_000, false, 90, 30.0, 5.0, 150.0));
        return points;
    }

    @Test
    void threeLevelsFromTheirFronts() {
        List<DynamicRanges.Range> ranges = DynamicRanges.of(space());
        assertThat(ranges).extracting(DynamicRanges.Range::level).containsExactlyElementsOf(DynamicRanges.LEVELS);

        DynamicRanges.Range pruning = ranges.get(0);
        assertThat(pruning.candidates()).isEqualTo(2);
        assertThat(pruning.front()).extracting(OpPoint::index).containsExactly(0, 1);
        assertThat(pruning.timeRatio()).isCloseTo(2.0, within(1e-12));
        assertThat(pruning.energyRatio()).isCloseTo(8.0 / 4.0, within(1e-12));

        DynamicRanges.Range mapping = ranges.get(1);
        assertThat(mapping.candidates()).isEqualTo(4);
        // big k=1 (1 ms, 4 mJ), big k=2 (2 ms, 8 mJ), little k=1 (4 ms, 2 mJ), little k=2 (8 ms, 4 mJ): none dominated.
        assertThat(mapping.front()).extracting(OpPoint::index).containsExactlyInAnyOrder(0, 1, 4, 5);
        assertThat(mapping.minLatencyMs()).isEqualTo(1.0);
        assertThat(mapping.maxLatencyMs()).isEqualTo(8.0);
        assertThat(mapping.minEnergyMj()).isEqualTo(2.0);
        assertThat(mapping.maxEnergyMj()).isEqualTo(8.0);

        DynamicRanges.Range dvfs = ranges.get(2);
        assertThat(dvfs.candidates()).isEqualTo(9);
        // little@500 k=2 (16 ms, 3.2 mJ, 0.2 W) joins as the least power; the point at 30 ms is dominated and stays out.
        assertThat(dvfs.front()).extracting(OpPoint::index).doesNotContain(8).contains(7, 6);
        assertThat(dvfs.maxLatencyMs()).isEqualTo(16.0);
        assertThat(dvfs.timeRatio()).isCloseTo(16.0, within(1e-12));
        assertThat(dvfs.minEnergyMj()).isCloseTo(1.6, within(1e-12));
        assertThat(dvfs.energyRatio()).isCloseTo(8.0 / 1.6, within(1e-12));
    }

    @Test
    void rangesAreTheExtremesOfTheirFront() {
        for (DynamicRanges.Range r : DynamicRanges.of(space())) {
            assertThat(r.minLatencyMs()).isEqualTo(r.front().stream().mapToDouble(OpPoint::latencyMs).min().orElseThrow());
            assertThat(r.maxLatencyMs()).isEqualTo(r.front().stream().mapToDouble(OpPoint::latencyMs).max().orElseThrow());
            assertThat(r.minEnergyMj()).isEqualTo(r.front().stream().mapToDouble(OpPoint::energyMj).min().orElseThrow());
            assertThat(r.maxEnergyMj()).isEqualTo(r.front().stream().mapToDouble(OpPoint::energyMj).max().orElseThrow());
            assertThat(r.timeRatio()).isEqualTo(r.maxLatencyMs() / r.minLatencyMs());
        }
    }

    @Test
    void pruningAloneUsesTheUnitFastestAtFullWidth() {
        List<OpPoint> points = new ArrayList<>(space());
        // Make "little" the faster unit for k=2 at its maximum frequency.
        points.set(5, new OpPoint(5, 2, "little", 1000_000, true, 90, 1.5, 0.5, 0.75));
        DynamicRanges.Range pruning = DynamicRanges.of(points).get(0);
        assertThat(pruning.front()).extracting(OpPoint::unit).containsOnly("little");
    }
}
