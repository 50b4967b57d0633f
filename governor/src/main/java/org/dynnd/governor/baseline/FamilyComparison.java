package org.dynnd.governor.baseline;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dynnd.governor.board.BoardModel;
import org.dynnd.governor.control.ControllerConfig;
import org.dynnd.governor.profile.ModelProfile;
import org.dynnd.governor.sim.RunFigures;
import org.dynnd.governor.sim.Scenario;
import org.dynnd.governor.sim.Simulator;
import org.dynnd.governor.sim.Spread;

/**
 * Every policy on every scenario of a drawn family on one board, each against the oracle of its
 * scenario: the per-scenario {@link RunFigures} and, per policy and figure, their {@link Spread}.
 * Scenario i is simulated with seed {@code seed + i}.
 */
public final class FamilyComparison {

    /** The policies a family runs: every known one but best-static (a search over all points per scenario). */
    public static final List<String> POLICIES = List.of("dynnd", OraclePolicy.NAME, ClairvoyantEstimatesPolicy.NAME,
            "performance", "schedutil", "alert", "poet", "alert-ablation", "poet-ablation");

    private final Map<String, List<RunFigures>> figures = new LinkedHashMap<>();

    /** Runs {@code policies} on each of {@code scenarios}. */
    public FamilyComparison(BoardModel board, ModelProfile model, List<Scenario> scenarios, long seed,
            ControllerConfig config, List<String> policies) {
        for (String p : policies) {
            figures.put(p, new ArrayList<>());
        }
        for (int i = 0; i < scenarios.size(); i++) {
            Simulator sim = new Simulator(board, model, scenarios.get(i));
            long runSeed = seed + i;
            Comparison c = new Comparison(sim, runSeed, config);
            for (String p : policies) {
                var run = p.equals(OraclePolicy.NAME) ? c.oracleRun() : sim.run(c.create(p), runSeed);
                figures.get(p).add(RunFigures.of(sim.bound(), c.oracleRun(), run));
            }
        }
    }

    /** Per policy, the figures of each scenario in draw order. */
    public Map<String, List<RunFigures>> figures() {
        return figures;
    }

    /** The spread of figure {@code index} ({@link RunFigures#NAMES}) of {@code policy} over the scenarios. */
    public Spread spread(String policy, int index) {
        List<RunFigures> list = figures.get(policy);
        double[] values = new double[list.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = list.get(i).figure(index);
        }
        return Spread.of(values);
    }
}
