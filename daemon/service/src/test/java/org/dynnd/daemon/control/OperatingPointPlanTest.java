package org.dynnd.daemon.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.dynnd.governor.control.Decision;
import org.junit.jupiter.api.Test;

class OperatingPointPlanTest {

    @Test
    void aSplitHandsOutEachPointForItsShareOverAnyStretch() {
        OperatingPointPlan plan = new OperatingPointPlan(new Decision(3, 5, 0.75, true, Set.of(), 1, 1, 80));
        int primary = 0;
        for (int i = 1; i <= 100; i++) {
            if (plan.next() == 3) {
                primary++;
            }
            assertThat(Math.abs(primary - 0.75 * i)).as("after %d inferences", i).isLessThanOrEqualTo(1.0);
        }
        assertThat(primary).isEqualTo(75);
    }

    @Test
    void aNewDecisionStartsItsOwnCount() {
        OperatingPointPlan plan = new OperatingPointPlan(Decision.single(2));
        assertThat(plan.next()).isEqualTo(2);
        plan.set(new Decision(4, 6, 0.5, true, Set.of(), 1, 1, 80));
        assertThat(new int[] {plan.next(), plan.next(), plan.next(), plan.next()}).containsExactly(4, 6, 4, 6);
    }
}
