package org.dynnd.governor.baseline;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dynnd.governor.control.Controller;
import org.dynnd.governor.control.ControllerConfig;
import org.dynnd.governor.control.Objective;
import org.dynnd.governor.op.OpSpace;
import org.dynnd.governor.op.UnitKind;
import org.dynnd.governor.profile.Calibrator;
import org.dynnd.governor.profile.Profile;
import org.dynnd.governor.sim.ControllerPolicy;
import org.dynnd.governor.sim.Evaluation;
import org.dynnd.governor.sim.Metrics;
import org.dynnd.governor.sim.Policy;
import org.dynnd.governor.sim.SimResult;
import org.dynnd.governor.sim.SimulatedProbe;
import org.dynnd.governor.sim.Simulator;

/**
 * Runs dynnd's controller, the oracle and the baselines through one simulator and seed and
 * evaluates each against the oracle ({@link OraclePolicy}, the upper bound). dynnd, ALERT and POET work from a profile calibrated on the
 * simulated board (with the scenario's noise); the oracle knows the true one.
 */
public final class Comparison {

    /** Every policy name, in the order results are printed. */
    public static final List<String> POLICIES =
            List.of("dynnd", "oracle", "best-static", "performance", "schedutil", "alert", "poet");

    /**
     * The references, which are not baselines to beat: the oracle (an upper bound) and dynnd's
     * selection with perfect estimates ({@link ClairvoyantEstimatesPolicy}).
     */
    public static final List<String> REFERENCES = List.of(OraclePolicy.NAME, ClairvoyantEstimatesPolicy.NAME);

    /** Every name {@link #run} and {@link #create} know. */
    public static final List<String> KNOWN = List.of("dynnd", OraclePolicy.NAME, ClairvoyantEstimatesPolicy.NAME,
            "best-static", "performance", "schedutil", "alert", "poet", "alert-ablation", "poet-ablation");

    private final Simulator sim;
    private final long seed;
    private final ControllerConfig config;
    private final Profile calibrated;
    private final SimResult oracleRun;
    private final Evaluation evaluation;

    public Comparison(Simulator sim, long seed, ControllerConfig config) {
        this.sim = sim;
        this.seed = seed;
        this.config = config.withInitialRate(sim.bound().requestsPerMs() * 1000);
        this.calibrated = calibrate(sim, seed);
        this.oracleRun = sim.run(new OraclePolicy(sim.truth(), this.config.precedence()), seed);
        this.evaluation = new Evaluation(sim.bound(), oracleRun);
    }

    private static Profile calibrate(Simulator sim, long seed) {
        var noise = sim.bound().scenario().noise();
        SimulatedProbe probe = new SimulatedProbe(sim.truth(), noise.latencySigma(), noise.powerSigma(), seed * 31 + 7);
        try {
            return new Calibrator(probe, probe::nanoTime, Duration.ofSeconds(30), 10).calibrate(sim.space(), sim.model());
        } catch (Calibrator.CalibrationFailedException e) {
            throw new IllegalStateException("calibration on the simulated board " + sim.board().name() + ": "
                    + e.getMessage(), e);
        }
    }

    /** The scenario's objective, which decides the combined measure. */
    public Objective objective() {
        return evaluation.objective();
    }

    /**
     * The figures of the named policy measured against {@link ClairvoyantEstimatesPolicy} instead
     * of the oracle: what the shipped scenarios' regression thresholds were set on.
     */
    public Metrics againstClairvoyantEstimates(String name) {
        SimResult reference = sim.run(create(ClairvoyantEstimatesPolicy.NAME), seed);
        return new Evaluation(sim.bound(), reference).metrics(sim.run(create(name), seed));
    }

    /** The oracle's run, which every figure is measured against. */
    public SimResult oracleRun() {
        return oracleRun;
    }

    /** The profile dynnd, ALERT and POET use. */
    public Profile calibratedProfile() {
        return calibrated;
    }

    /** Runs and evaluates the named policies; "all" is not resolved here. */
    public Map<String, Metrics> run(List<String> names) {
        Map<String, Metrics> results = new LinkedHashMap<>();
        for (String name : names) {
            if (name.equals("oracle")) {
                results.put(name, evaluation.metrics(oracleRun));
            } else if (name.equals("best-static")) {
                results.put(name, bestStatic());
            } else {
                results.put(name, evaluation.metrics(sim.run(create(name), seed)));
            }
        }
        return results;
    }

    /** A fresh policy by name (not the oracle's cached run, nor the best-static search). */
    public Policy create(String name) {
        OpSpace space = sim.space();
        return switch (name) {
            case "dynnd" -> new ControllerPolicy("dynnd", new Controller(calibrated, config));
            case OraclePolicy.NAME -> new OraclePolicy(sim.truth(), config.precedence());
            case ClairvoyantEstimatesPolicy.NAME -> new ClairvoyantEstimatesPolicy(sim.truth(), config);
            case "performance" -> new StaticPolicy("performance", fastestFullModel(space, -1));
            case "schedutil" -> new SchedutilPolicy(space, space.unitOf(fastestFullModel(space, 0)));
            case "alert" -> new AlertPolicy(calibrated, config.initialRequestsPerSecond() / 1000);
            case "poet" -> new PoetPolicy(calibrated);
            case "alert-ablation" -> new ControllerPolicy("alert-ablation", new Controller(calibrated,
                    ControllerConfig.alertLike().withPrecedence(config.precedence())
                            .withConfidence(config.confidence()).withInitialRate(config.initialRequestsPerSecond())));
            case "poet-ablation" -> new PoetAblationPolicy(calibrated);
            default -> throw new IllegalArgumentException("unknown policy '" + name + "'; known: " + KNOWN);
        };
    }

    /** The fastest full-model operating point; with {@code cpuOnly} 0, only on CPU clusters. */
    private int fastestFullModel(OpSpace space, int cpuOnly) {
        int best = -1;
        for (int i = 0; i < space.size(); i++) {
            boolean cpu = space.unit(space.unitOf(i)).kind() == UnitKind.CPU_CLUSTER;
            if (space.k(i) == space.maxK() && (cpuOnly < 0 || cpu)
                    && (best < 0 || calibrated.latencyMs(i) < calibrated.latencyMs(best))) {
                best = i;
            }
        }
        return best;
    }

    /** The single operating point that, held for the whole run, scores best on the combined measure. */
    private Metrics bestStatic() {
        List<Metrics> all = new ArrayList<>();
        for (int i = 0; i < sim.space().size(); i++) {
            all.add(evaluation.metrics(sim.run(new StaticPolicy("best-static", i), seed)));
        }
        all.sort(Metrics.combined(objective()));
        return all.get(0);
    }
}
