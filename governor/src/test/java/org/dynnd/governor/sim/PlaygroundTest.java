package org.dynnd.governor.sim;

import java.util.Map;
import org.dynnd.governor.baseline.Comparison;
import org.dynnd.governor.board.Boards;
import org.dynnd.governor.control.ControllerConfig;
import org.dynnd.governor.profile.GroupedAlexNetCost;
import org.junit.jupiter.api.Test;

class PlaygroundTest {
    @Test
    void print() {
        for (String board : Boards.NAMES) {
            for (Scenario s : Scenarios.all()) {
                Simulator sim = new Simulator(Boards.byName(board, 4),
                        new GroupedAlexNetCost(4).profile("grouped-alexnet", "1", Scenarios.ACCURACY), s);
                Comparison c = new Comparison(sim, 42, ControllerConfig.defaults());
                Map<String, Metrics> m = c.run(Comparison.POLICIES);
                System.out.println("== " + board + " " + s.name());
                m.values().forEach(x -> System.out.printf("%-12s %s lat %.4f pow %.4f all %.4f en %.3f acc %+.2f settle %.1f/%d  %.1fus%n",
                        x.policy(), x.beats(m.get("dynnd"), c.objective()) ? "BEATS" : (x == m.get("dynnd") ? "     " : "  .  "), x.latencyViolationShare(), x.powerViolationShare(), x.violationsAllPeriods(), x.energyVsOracle(),
                        x.accuracyVsOracle(), x.settlingMean(), x.settlingMax(), x.decisionMicros()));
            }
        }
    }
}
