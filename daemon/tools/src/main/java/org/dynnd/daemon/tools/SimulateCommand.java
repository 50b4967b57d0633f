package org.dynnd.daemon.tools;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.dynnd.daemon.cli.DynndTool;
import org.dynnd.daemon.cli.UserErrorException;
import org.dynnd.daemon.config.ConfigException;
import org.dynnd.daemon.scenario.FamilyTable;
import org.dynnd.daemon.scenario.MetricsJson;
import org.dynnd.daemon.scenario.ScenarioFile;
import org.dynnd.daemon.scenario.ScenarioSimulation;
import org.dynnd.governor.baseline.Comparison;
import org.dynnd.governor.baseline.FamilyComparison;
import org.dynnd.governor.board.Boards;
import org.dynnd.governor.control.ControllerConfig;
import org.dynnd.governor.profile.GroupedAlexNetCost;
import org.dynnd.governor.profile.ModelProfile;
import org.dynnd.governor.sim.Metrics;
import org.dynnd.governor.sim.Scenario;
import org.dynnd.governor.sim.ScenarioFamily;
import org.dynnd.governor.sim.Simulator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code dynnd simulate}: runs dynnd's controller, the oracle and the baselines on a board model
 * under a scenario file and prints, per policy, what the issue asks: late inferences after the
 * settling window, power-cap violations, energy and accuracy against the oracle, settling
 * periods after each change, and the mean decision time.
 */
@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = {"Simulate the controller and the baselines on a board model under a scenario.",
            "The model is the grouped AlexNet with one group per accuracy listed in the",
            "scenario."})
public final class SimulateCommand implements Callable<Integer>, DynndTool {

    @Spec
    CommandSpec spec;

    @Option(names = "--board", required = true, paramLabel = "BOARD",
            description = "Board model: odroid-xu3, jetson-nano or x86.")
    String board;

    @Option(names = "--scenario", paramLabel = "FILE", description = "Scenario YAML file (or --family).")
    Path scenario;

    @Option(names = "--family", paramLabel = "NAME",
            description = "Instead of a file, draw --count scenarios from a family (mixed, lockout; see governor/README.md)"
                    + " and print each figure's median, 90th percentile and worst per policy.")
    String family;

    @Option(names = "--count", defaultValue = "20", paramLabel = "N",
            description = "Scenarios to draw from the family (default 20).")
    int count;

    @Option(names = "--policy", defaultValue = "all", paramLabel = "NAME",
            description = "A policy (dynnd, oracle, clairvoyant-estimates, best-static, performance, schedutil, alert,"
                    + " poet) or all (default).")
    String policy;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "N",
            description = "Random seed (default 1); with --family, the draw's seed, and scenario i runs with seed + i.")
    long seed;

    @Option(names = "--json", description = "Print JSON instead of a table.")
    boolean json;

    @Override
    public Integer call() throws ConfigException {
        if (!Boards.NAMES.contains(board)) {
            throw new UserErrorException("--board: unknown board '" + board + "'; allowed: " + String.join(", ", Boards.NAMES));
        }
        if ((scenario == null) == (family == null)) {
            throw new UserErrorException("give either --scenario FILE or --family NAME (one of "
                    + String.join(", ", ScenarioFamily.NAMES) + ")");
        }
        if (family != null) {
            return family();
        }
        List<String> policies = policy.equals("all") ? Comparison.KNOWN : List.of(policy);
        if (!Comparison.KNOWN.containsAll(policies)) {
            throw new UserErrorException("--policy: unknown policy '" + policy + "'; allowed: "
                    + String.join(", ", Comparison.KNOWN) + ", all");
        }
        Scenario s = ScenarioFile.read(scenario);
        Simulator sim = ScenarioSimulation.simulator(board, scenario, s);
        Comparison comparison = new Comparison(sim, seed, ControllerConfig.defaults());
        Map<String, Metrics> results = comparison.run(policies);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(json(s, sim, comparison, results));
        } else {
            table(out, s, sim, comparison, results);
        }
        out.flush();
        return 0;
    }

    private int family() {
        if (!ScenarioFamily.NAMES.contains(family)) {
            throw new UserErrorException("--family: unknown family '" + family + "'; allowed: "
                    + String.join(", ", ScenarioFamily.NAMES));
        }
        if (count < 1 || count > 10_000) {
            throw new UserErrorException("--count: must be within 1..10000, got " + count);
        }
        List<String> policies = policy.equals("all") ? FamilyComparison.POLICIES : List.of(policy);
        if (!FamilyComparison.POLICIES.containsAll(policies)) {
            throw new UserErrorException("--policy: with --family, one of " + String.join(", ", FamilyComparison.POLICIES)
                    + " or all; got '" + policy + "'");
        }
        List<Scenario> drawn = new ScenarioFamily(family).draw(count, seed);
        int groups = drawn.get(0).accuracyPercent().length;
        ModelProfile model = new GroupedAlexNetCost(groups).profile("grouped-alexnet-g" + groups, "scenario",
                drawn.get(0).accuracyPercent());
        FamilyComparison result = new FamilyComparison(Boards.byName(board, groups), model, drawn, seed,
                ControllerConfig.defaults(), policies);
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "family %s on %s: %d scenarios drawn with seed %d (scenario i simulated with seed %d + i)%n",
                family, board, count, seed, seed);
        FamilyTable.print(out, result, policies);
        out.flush();
        return 0;
    }

    private void table(PrintWriter out, Scenario s, Simulator sim, Comparison comparison, Map<String, Metrics> results) {
        out.printf(Locale.ROOT, "scenario %s on %s, seed %d: %d periods of %.0f ms, %d inferences per period, "
                + "objective %s%n", s.name(), board, seed, s.periods(), s.periodMs(), sim.bound().requestsPerPeriod(),
                comparison.objective().label());
        out.printf(Locale.ROOT, "%-12s %8s %8s %8s %8s %9s %9s %9s %12s %9s%n", "policy", "late%", "power%",
                "energy%", "acc<%", "all-viol%", "E/oracle", "acc-orcl", "settle avg/max", "decide-us");
        for (Metrics m : results.values()) {
            out.printf(Locale.ROOT, "%-12s %8.2f %8.2f %8.2f %8.2f %9.2f %9.3f %+9.2f %7.1f/%-4d %9.1f%n", m.policy(),
                    100 * m.latencyViolationShare(), 100 * m.powerViolationShare(), 100 * m.energyViolationShare(),
                    100 * m.accuracyViolationShare(), 100 * m.violationsAllPeriods(), m.energyVsOracle(),
                    m.accuracyVsOracle(), m.settlingMean(), m.settlingMax(), m.decisionMicros());
        }
        out.println("late%, power%, energy%, acc<%: violations after each change's settling window (" + s.settleWindow()
                + " periods); all-viol%: every period; settle: periods to 3 good periods in a row after a change.");
        Metrics dynnd = results.get("dynnd");
        if (dynnd != null && results.size() > 1) {
            List<String> notBeaten = results.values().stream()
                    .filter(m -> !m.policy().equals("dynnd") && !Comparison.REFERENCES.contains(m.policy()))
                    .filter(m -> !dynnd.beats(m, comparison.objective())).map(Metrics::policy).toList();
            out.println(notBeaten.isEmpty() ? "dynnd beats every baseline on the combined measure."
                    : "dynnd does not beat: " + String.join(", ", notBeaten));
        }
    }

    private String json(Scenario s, Simulator sim, Comparison comparison, Map<String, Metrics> results) {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = mapper.createObjectNode();
        root.put("scenario", s.name());
        root.put("board", board);
        root.put("seed", seed);
        root.put("periods", s.periods());
        root.put("inferencesPerPeriod", sim.bound().requestsPerPeriod());
        root.put("objective", comparison.objective().label());
        ArrayNode list = root.putArray("policies");
        Metrics dynnd = results.get("dynnd");
        for (Metrics m : results.values()) {
            ObjectNode n = list.addObject();
            MetricsJson.put(n, m);
            if (dynnd != null && m != dynnd && !Comparison.REFERENCES.contains(m.policy())) {
                n.put("beatenByDynnd", dynnd.beats(m, comparison.objective()));
            }
        }
        try {
            return mapper.writeValueAsString(root);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("JSON of simulation results", e);
        }
    }
}
