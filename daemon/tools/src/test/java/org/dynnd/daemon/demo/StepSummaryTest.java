package org.dynnd.daemon.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StepSummaryTest {

    private static final double NAN = Double.NaN;

    private static DemoSample sample(int step, double p95, double watts, double mj, long answered, long correct) {
        return new DemoSample(0, step, 2, "a15", 1800, 100, p95 / 2, p95, watts, mj, 86.5, answered, correct, true);
    }

    @Test
    void aPeriodMeetsAStepOnlyWhenEveryConstraintHolds() {
        DemoStep step = new DemoStep("both", 0, 4, 8, 1.2, NAN, false);
        assertThat(step.metBy(8.0, 1.2, 99)).isTrue();
        assertThat(step.metBy(8.01, 1.0, 1)).isFalse();
        assertThat(step.metBy(5, 1.3, 1)).isFalse();
        assertThat(step.metBy(5, NAN, 1)).as("no power reading proves nothing").isFalse();
        assertThat(step.metBy(NAN, 1.0, 1)).as("a period without inferences").isFalse();
    }

    @Test
    void theFirstPeriodsOfAStepAreLeftOutAndOtherStepsIgnored() {
        DemoStep step = new DemoStep("tight", 2, 4, 8, NAN, NAN, false);
        List<DemoSample> samples = new ArrayList<>();
        samples.add(sample(0, 50, 1, 10, 10, 9));
        // Settling: misses that do not count.
        samples.add(sample(1, 20, 1, 10, 10, 0));
        samples.add(sample(1, 20, 1, 10, 10, 0));
        samples.add(sample(1, 20, 1, 10, 10, 0));
        // Settled: three met, one missed.
        samples.add(sample(1, 6, 2, 10, 10, 9));
        samples.add(sample(1, 7, 3, 10, 10, 8));
        samples.add(sample(1, 9, 4, 10, 20, 20));
        samples.add(sample(1, 5, 5, 10, 10, 7));
        StepSummary summary = StepSummary.of(1, step, samples);
        assertThat(summary.periods()).isEqualTo(7);
        assertThat(summary.settledPeriods()).isEqualTo(4);
        assertThat(summary.metPeriods()).isEqualTo(3);
        assertThat(summary.metShare()).isEqualTo(0.75);
        assertThat(summary.medianP95Ms()).isEqualTo(6.5);
        assertThat(summary.medianPowerW()).isEqualTo(3.5);
        assertThat(summary.liveAccuracy()).isEqualTo(100.0 * 44 / 50);
    }

    @Test
    void aStepWithoutBudgetHasNoShare() {
        DemoStep steady = DemoScript.steps(12).get(0);
        StepSummary summary = StepSummary.of(0, steady, List.of(sample(0, 50, 1, 10, 1, 1), sample(0, 50, 1, 10, 1, 1),
                sample(0, 50, 1, 10, 1, 1), sample(0, 50, 1, 10, 1, 0)));
        assertThat(summary.metShare()).isNaN();
        assertThat(summary.liveAccuracy()).isZero();
    }

    @Test
    void theScriptCoversItsDurationInSixStepsEndToEnd() {
        List<DemoStep> steps = DemoScript.steps(48);
        assertThat(steps).hasSize(6);
        for (int i = 1; i < steps.size(); i++) {
            assertThat(steps.get(i).startS()).isEqualTo(steps.get(i - 1).endS());
            assertThat(steps.get(i).hasBudget()).isTrue();
        }
        assertThat(steps.get(5).endS()).isEqualTo(48.0);
        assertThat(steps.stream().filter(DemoStep::coRunner)).hasSize(1);
    }
}
