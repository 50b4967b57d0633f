package org.dynnd.daemon.report;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.dynnd.daemon.config.ConfigException;
import org.dynnd.daemon.scenario.ScenarioFile;
import org.dynnd.daemon.scenario.ScenarioSimulation;
import org.dynnd.governor.baseline.Comparison;
import org.dynnd.governor.control.Budget;
import org.dynnd.governor.control.ControllerConfig;
import org.dynnd.governor.sim.Metrics;
import org.dynnd.governor.sim.Scenario;
import org.dynnd.governor.sim.SimResult;
import org.dynnd.governor.sim.Simulator;

/**
 * The governor against the baselines on the shipped scenarios, simulated on the board model as
 * {@code dynnd simulate} does (same scenario binding, seed and controller settings), plus the
 * period-by-period run of a few policies on one scenario for a time-series plot.
 *
 * @param board the board model's name
 * @param seed the simulation seed
 * @param scenarios every scenario's results, by file name order
 * @param series the time series of one scenario
 */
public record GovernorSection(String board, long seed, List<ScenarioResult> scenarios, TimeSeries series) {

    /** The policies whose periods the time series shows. */
    static final List<String> SERIES_POLICIES = List.of("dynnd", "oracle", "performance");
    /** The scenario of the time series when it is shipped: a power cap that changes four times. */
    static final String SERIES_SCENARIO = "power-cap";

    /**
     * One scenario's comparison.
     *
     * @param scenario its name
     * @param objective what the budgets optimise
     * @param periods how many control periods
     * @param metrics per policy, in {@link Comparison#POLICIES} order
     * @param notBeaten baselines dynnd does not beat on the combined measure
     */
    public record ScenarioResult(String scenario, String objective, int periods, List<Metrics> metrics,
            List<String> notBeaten) {}

    /**
     * Period by period: each policy's average power and mean accuracy, and the budget's power cap
     * and accuracy floor (NaN where the budget sets none).
     */
    public record TimeSeries(String scenario, double periodMs, Map<String, double[]> powerW,
            Map<String, double[]> accuracyPercent, double[] powerCapW, double[] minAccuracyPercent) {}

    /** Simulates every {@code *.yaml} scenario in {@code folder} on {@code board}. */
    public static GovernorSection run(String board, Path folder, long seed, PrintStream progress)
            throws IOException, ConfigException {
        List<Path> files;
        try (Stream<Path> list = Files.list(folder)) {
            files = list.filter(p -> p.getFileName().toString().endsWith(".yaml")).sorted().toList();
        }
        if (files.isEmpty()) {
            throw new ConfigException(folder + ": no scenario files (*.yaml); the distribution ships them in config/scenarios");
        }
        List<ScenarioResult> results = new ArrayList<>();
        TimeSeries series = null;
        for (Path file : files) {
            Scenario scenario = ScenarioFile.read(file);
            progress.printf(Locale.ROOT, "governor: simulating scenario %s (%d periods) on %s, every policy%n",
                    scenario.name(), scenario.periods(), board);
            Simulator sim = ScenarioSimulation.simulator(board, file, scenario);
            Comparison comparison = new Comparison(sim, seed, ControllerConfig.defaults());
            Map<String, Metrics> metrics = comparison.run(Comparison.POLICIES);
            Metrics dynnd = metrics.get("dynnd");
            List<String> notBeaten = metrics.values().stream()
                    .filter(m -> !m.policy().equals("dynnd") && !m.policy().equals("oracle"))
                    .filter(m -> !dynnd.beats(m, comparison.objective())).map(Metrics::policy).toList();
            results.add(new ScenarioResult(scenario.name(), comparison.objective().label(), scenario.periods(),
                    List.copyOf(metrics.values()), notBeaten));
            if (series == null || scenario.name().equals(SERIES_SCENARIO)) {
                series = series(sim, comparison, seed);
            }
        }
        return new GovernorSection(board, seed, results, series);
    }

    private static TimeSeries series(Simulator sim, Comparison comparison, long seed) {
        Map<String, double[]> power = new LinkedHashMap<>();
        Map<String, double[]> accuracy = new LinkedHashMap<>();
        for (String policy : SERIES_POLICIES) {
            SimResult run = sim.run(comparison.create(policy), seed);
            power.put(policy, run.powerW().clone());
            double[] acc = new double[run.periods()];
            for (int p = 0; p < acc.length; p++) {
                acc[p] = run.inferences()[p] == 0 ? Double.NaN : run.accuracySum()[p] / run.inferences()[p];
            }
            accuracy.put(policy, acc);
        }
        Scenario scenario = sim.bound().scenario();
        double[] cap = new double[scenario.periods()];
        double[] floor = new double[scenario.periods()];
        for (int p = 0; p < cap.length; p++) {
            Budget budget = sim.bound().budget(p);
            cap[p] = budget.powerW();
            floor[p] = budget.minAccuracyPercent();
        }
        return new TimeSeries(scenario.name(), scenario.periodMs(), power, accuracy, cap, floor);
    }
}
