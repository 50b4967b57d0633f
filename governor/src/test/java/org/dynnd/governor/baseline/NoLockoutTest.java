package org.dynnd.governor.baseline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.dynnd.governor.board.Boards;
import org.dynnd.governor.control.ControllerConfig;
import org.dynnd.governor.profile.GroupedAlexNetCost;
import org.dynnd.governor.sim.RunFigures;
import org.dynnd.governor.sim.Scenario;
import org.dynnd.governor.sim.ScenarioFamily;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * No lock-out: after an interference on the fastest unit ends (latency only, power only, or both;
 * the {@code lockout} family), every unit the oracle then uses runs most of a period's inferences
 * for dynnd again within 20 periods. Seed 7 was not used to tune the probes (seed 1 was).
 */
class NoLockoutTest {

    @ParameterizedTest
    @ValueSource(strings = {"odroid-xu3", "jetson-nano", "x86"})
    void everyUnitTheOracleUsesIsBackWithinTwentyPeriods(String board) {
        List<Scenario> drawn = new ScenarioFamily("lockout").draw(9, 7);
        FamilyComparison result = new FamilyComparison(Boards.byName(board, 4),
                new GroupedAlexNetCost(4).profile("m", "1", drawn.get(0).accuracyPercent()), drawn, 7,
                ControllerConfig.defaults(), List.of("dynnd"));
        List<RunFigures> figures = result.figures().get("dynnd");
        for (int i = 0; i < drawn.size(); i++) {
            assertThat(figures.get(i).lockoutPeriods()).as("%s on %s: %s", drawn.get(i).name(), board,
                    drawn.get(i).interference()).isLessThanOrEqualTo(20);
        }
    }
}
