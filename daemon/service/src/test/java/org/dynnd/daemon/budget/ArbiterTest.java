package org.dynnd.daemon.budget;

import static org.assertj.core.api.Assertions.assertThat;

import org.dynnd.daemon.server.TableGovernor;
import org.dynnd.daemon.service.ClientBudget;
import org.dynnd.governor.control.Objective;
import org.junit.jupiter.api.Test;

class ArbiterTest {

    private final TableGovernor governor = new TableGovernor();
    private final Arbiter arbiter = new Arbiter(governor);

    private static ClientBudget latency(double ms) {
        return new ClientBudget(ms, null, null, null, Objective.MAX_ACCURACY);
    }

    private static ClientBudget accuracy(double percent) {
        return new ClientBudget(null, null, null, percent, Objective.MAX_ACCURACY);
    }

    @Test
    void noLeaseMeansNoConstraintAndTheMostAccuratePoint() {
        assertThat(arbiter.current().effective()).isEqualTo(ClientBudget.NONE);
        assertThat(arbiter.current().decision().op().groups()).isEqualTo(4);
    }

    @Test
    void effectiveBudgetIsTheTightestOfCompatibleLeases() {
        arbiter.set(1, 1000, latency(30), 0);
        Arbitration a = arbiter.set(2, 1001, new ClientBudget(15.0, 25.0, null, null, Objective.MAX_ACCURACY), 0);
        assertThat(a.effective().latencyMs()).isEqualTo(15.0);
        assertThat(a.effective().energyMj()).isEqualTo(25.0);
        assertThat(a.decision().op().groups()).isEqualTo(2);
        assertThat(a.isMet(1)).isTrue();
        assertThat(a.isMet(2)).isTrue();
        assertThat(a.sources()).extracting(Lease::clientId).containsExactly(1L, 2L);
    }

    @Test
    void onConflictTheHigherPriorityWinsAndTheOtherSeesItsBudgetUnmet() {
        arbiter.set(1, 1000, latency(8), 0); // needs k=1 (60 %)
        Arbitration a = arbiter.set(2, 1001, accuracy(85), 5); // needs k=4 (40 ms)
        assertThat(a.effective().minAccuracy()).isEqualTo(85.0);
        assertThat(a.effective().latencyMs()).isNull();
        assertThat(a.decision().op().groups()).isEqualTo(4);
        assertThat(a.isMet(2)).isTrue();
        assertThat(a.isMet(1)).isFalse();
        assertThat(a.overridden()).extracting(Lease::clientId).containsExactly(1L);

        Arbitration after = arbiter.release(2).orElseThrow();
        assertThat(after.decision().op().groups()).isEqualTo(1);
        assertThat(after.isMet(1)).isTrue();
        assertThat(after.overridden()).isEmpty();
    }

    @Test
    void equalPrioritiesFavourTheOlderLeaseAndItsObjective() {
        arbiter.set(1, 1000, new ClientBudget(null, null, null, 65.0, Objective.MIN_ENERGY), 0);
        Arbitration a = arbiter.set(2, 1001, latency(8), 0);
        assertThat(a.effective().objective()).isEqualTo(Objective.MIN_ENERGY);
        assertThat(a.overridden()).extracting(Lease::clientId).containsExactly(2L);
        assertThat(a.decision().op().groups()).isEqualTo(2); // the cheapest point with 65 %
    }

    @Test
    void replacingALeaseKeepsOneLeasePerClient() {
        arbiter.set(1, 1000, latency(30), 0);
        Arbitration a = arbiter.set(1, 1000, latency(12), 0);
        assertThat(a.sources()).hasSize(1);
        assertThat(a.effective().latencyMs()).isEqualTo(12.0);
        assertThat(arbiter.release(7)).isEmpty();
    }

    @Test
    void anInfeasibleTopLeaseIsServedBestEffortAndNotMet() {
        Arbitration a = arbiter.set(1, 1000, latency(1), 0);
        assertThat(a.decision().feasible()).isFalse();
        assertThat(a.isMet(1)).isFalse();
        assertThat(governor.applied).last().isEqualTo(latency(1));
    }

    @Test
    void aFailedApplyLeavesNoLease() {
        governor.failApply = true;
        try {
            arbiter.set(1, 1000, latency(20), 0);
        } catch (IllegalStateException expected) {
            // the client is told; the lease must not stay
        }
        governor.failApply = false;
        assertThat(arbiter.lease(1)).isEmpty();
        assertThat(arbiter.set(2, 1000, latency(50), 0).sources()).hasSize(1);
    }

    @Test
    void aBatchOfChangesIsArbitratedOnceAndItsOutcomeIncludesEveryChange() {
        arbiter.set(9, 1000, latency(30), 0);
        int appliedBefore = governor.applied.size();
        Arbiter.Applied applied = arbiter.apply(java.util.List.of(
                LeaseChange.set(1, 1000, latency(15), 0),
                LeaseChange.release(9),
                LeaseChange.release(42),
                LeaseChange.set(2, 1001, accuracy(65), 0)));
        assertThat(governor.applied).hasSize(appliedBefore + 1);
        assertThat(applied.released()).containsExactly(false, true, false, false);
        assertThat(applied.outcome().sources()).extracting(Lease::clientId).containsExactly(1L, 2L);
        assertThat(applied.outcome().effective().latencyMs()).isEqualTo(15.0);
        assertThat(applied.outcome().effective().minAccuracy()).isEqualTo(65.0);
    }

    @Test
    void aBatchThatChangesNothingIsNotArbitrated() {
        int appliedBefore = governor.applied.size();
        Arbiter.Applied applied = arbiter.apply(java.util.List.of(LeaseChange.release(3), LeaseChange.release(4)));
        assertThat(applied.released()).containsExactly(false, false);
        assertThat(governor.applied).hasSize(appliedBefore);
    }

    @Test
    void aFailedBatchLeavesTheLeasesAsTheyWereBeforeIt() {
        arbiter.set(1, 1000, latency(30), 0);
        governor.failApply = true;
        try {
            arbiter.apply(java.util.List.of(LeaseChange.release(1), LeaseChange.set(2, 1000, latency(12), 0)));
        } catch (IllegalStateException expected) {
            // every client of the batch is told
        }
        governor.failApply = false;
        assertThat(arbiter.lease(1)).map(Lease::budget).contains(latency(30));
        assertThat(arbiter.lease(2)).isEmpty();
    }
}
