package org.dynnd.governor.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.dynnd.governor.board.Boards;
import org.dynnd.governor.profile.GroupedAlexNetCost;
import org.junit.jupiter.api.Test;

class ScenarioFamilyTest {

    @Test
    void aDrawIsReproducibleAndAPrefixOfALargerOne() {
        List<Scenario> a = new ScenarioFamily("mixed").draw(5, 11);
        List<Scenario> b = new ScenarioFamily("mixed").draw(8, 11);
        for (int i = 0; i < 5; i++) {
            assertThat(b.get(i).budgets()).isEqualTo(a.get(i).budgets());
            assertThat(b.get(i).interference()).isEqualTo(a.get(i).interference());
            assertThat(b.get(i).noise()).isEqualTo(a.get(i).noise());
        }
        assertThat(new ScenarioFamily("mixed").draw(5, 12).get(0).budgets()).isNotEqualTo(a.get(0).budgets());
    }

    @Test
    void theMixedFamilyCoversWhatItsDistributionSaysAndBindsOnEveryBoard() {
        List<Scenario> drawn = new ScenarioFamily("mixed").draw(40, 5);
        boolean latencyOnly = false, powerOnly = false, both = false, spikes = false, minEnergy = false;
        for (Scenario s : drawn) {
            for (Scenario.InterferenceStep st : s.interference()) {
                latencyOnly |= st.latencyFactor() > 1 && st.powerFactor() == 1;
                powerOnly |= st.latencyFactor() == 1 && st.powerFactor() > 1;
                both |= st.latencyFactor() > 1 && st.powerFactor() > 1;
            }
            spikes |= s.noise().spikeProbability() > 0;
            minEnergy |= s.budgets().get(0).budget().objective() == org.dynnd.governor.control.Objective.MIN_ENERGY;
            for (String board : Boards.NAMES) {
                Simulator sim = new Simulator(Boards.byName(board, 4),
                        new GroupedAlexNetCost(4).profile("m", "1", s.accuracyPercent()), s);
                // Every episode ends: its unit's factors go back to 1.
                long episodes = s.interference().stream().filter(st -> st.latencyFactor() != 1 || st.powerFactor() != 1)
                        .count();
                assertThat(sim.bound().interferenceEnds()).hasSize((int) episodes);
            }
        }
        assertThat(List.of(latencyOnly, powerOnly, both, spikes, minEnergy)).containsOnly(true);
    }

    @Test
    void anUnknownFamilyOrCountIsRefused() {
        assertThatThrownBy(() -> new ScenarioFamily("hostile")).hasMessageContaining("hostile").hasMessageContaining("mixed");
        assertThatThrownBy(() -> new ScenarioFamily("mixed").draw(0, 1)).hasMessageContaining("count");
    }

    @Test
    void spreadsAreNearestRank() {
        double[] values = new double[10];
        for (int i = 0; i < 10; i++) {
            values[i] = 10 - i;
        }
        assertThat(Spread.of(values)).isEqualTo(new Spread(5, 9, 10));
    }
}
