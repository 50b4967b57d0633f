package org.dynnd.daemon.scenario;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.dynnd.daemon.config.ConfigException;
import org.dynnd.governor.control.Objective;
import org.dynnd.governor.sim.Scenario;

/**
 * Reads a simulation scenario from YAML into the governor's {@link Scenario} records (the
 * governor itself knows no YAML). Every mistake is reported with the file, the key path (such
 * as {@code budgets[2].latencyX}) and what is allowed; unknown keys are errors, not ignored, so
 * that a misspelt limit cannot silently vanish. The format is documented in the shipped files
 * under {@code config/scenarios/}.
 */
public final class ScenarioFile {

    private static final Set<String> TOP = Set.of("name", "description", "periods", "periodMs", "load",
            "accuracyPercent", "budgets", "interference", "noise", "sensorGaps", "settleWindow");
    private static final Set<String> BUDGET = Set.of("at", "ramp", "objective", "latencyMs", "latencyX", "energyMj",
            "energyX", "powerW", "powerX", "minAccuracy");
    private static final Set<String> INTERFERENCE = Set.of("at", "ramp", "unit", "latencyFactor", "powerFactor");
    private static final Set<String> NOISE = Set.of("latencySigma", "powerSigma", "spikeProbability", "spikeX");
    private static final Set<String> GAP = Set.of("from", "to");

    private final Path file;

    private ScenarioFile(Path file) {
        this.file = file;
    }

    /** Reads and checks {@code file}. */
    public static Scenario read(Path file) throws ConfigException {
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(Files.readString(file));
        } catch (NoSuchFileException e) {
            throw new ConfigException(file + ": no such scenario file");
        } catch (JsonProcessingException e) {
            throw new ConfigException(file + ": not valid YAML at line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot be read: " + e.getMessage(), e);
        }
        return new ScenarioFile(file).scenario(root);
    }

    private Scenario scenario(JsonNode root) throws ConfigException {
        if (root == null || !root.isObject()) {
            throw new ConfigException(file + ": a scenario is a mapping with the keys " + sorted(TOP));
        }
        keys(root, "", TOP);
        List<Scenario.BudgetStep> budgets = new ArrayList<>();
        for (JsonNode b : list(root, "budgets", true)) {
            String at = "budgets[" + budgets.size() + "]";
            keys(b, at + ".", BUDGET);
            Objective objective;
            String text = text(b, at + ".objective", true);
            try {
                objective = Objective.parse(text);
            } catch (IllegalArgumentException e) {
                throw error(at + ".objective", e.getMessage());
            }
            budgets.add(build(at, () -> new Scenario.BudgetStep(integer(b, at + ".at", true, 0), integer(b, at + ".ramp", false, 0),
                    new Scenario.BudgetSpec(number(b, at + ".latencyMs"), number(b, at + ".latencyX"),
                            number(b, at + ".energyMj"), number(b, at + ".energyX"), number(b, at + ".powerW"),
                            number(b, at + ".powerX"), number(b, at + ".minAccuracy"), objective))));
        }
        List<Scenario.InterferenceStep> interference = new ArrayList<>();
        for (JsonNode s : list(root, "interference", false)) {
            String at = "interference[" + interference.size() + "]";
            keys(s, at + ".", INTERFERENCE);
            interference.add(build(at, () -> new Scenario.InterferenceStep(integer(s, at + ".at", true, 0),
                    integer(s, at + ".ramp", false, 0), text(s, at + ".unit", true),
                    required(s, at + ".latencyFactor"), required(s, at + ".powerFactor"))));
        }
        List<Scenario.SensorGap> gaps = new ArrayList<>();
        for (JsonNode g : list(root, "sensorGaps", false)) {
            String at = "sensorGaps[" + gaps.size() + "]";
            keys(g, at + ".", GAP);
            gaps.add(build(at, () -> new Scenario.SensorGap(integer(g, at + ".from", true, 0),
                    integer(g, at + ".to", true, 0))));
        }
        JsonNode noiseNode = root.get("noise");
        Scenario.Noise noise;
        if (noiseNode == null) {
            noise = new Scenario.Noise(0, 0);
        } else {
            keys(noiseNode, "noise.", NOISE);
            noise = build("noise", () -> new Scenario.Noise(orZero(noiseNode, "noise.latencySigma"),
                    orZero(noiseNode, "noise.powerSigma"), orZero(noiseNode, "noise.spikeProbability"),
                    orZero(noiseNode, "noise.spikeX")));
        }
        JsonNode accNode = root.get("accuracyPercent");
        if (accNode == null || !accNode.isArray() || accNode.isEmpty()) {
            throw error("accuracyPercent", "required: the model's top-1 accuracy in percent for k = 1..G, a list such as"
                    + " [68.0, 77.5, 81.0, 83.0]");
        }
        double[] accuracy = new double[accNode.size()];
        for (int i = 0; i < accuracy.length; i++) {
            if (!accNode.get(i).isNumber()) {
                throw error("accuracyPercent[" + i + "]", "must be a number, got " + accNode.get(i));
            }
            accuracy[i] = accNode.get(i).asDouble();
        }
        return build("", () -> new Scenario(text(root, "name", true), text(root, "description", false),
                integer(root, "periods", true, 0), required(root, "periodMs"), required(root, "load"), accuracy, budgets,
                interference, noise, gaps, integer(root, "settleWindow", false, 3)));
    }

    /** A record constructor's own check, turned into an error that names where. */
    private interface Build<T> {
        T get() throws ConfigException;
    }

    private <T> T build(String where, Build<T> build) throws ConfigException {
        try {
            return build.get();
        } catch (IllegalArgumentException e) {
            throw error(where.isEmpty() ? "scenario" : where, e.getMessage());
        }
    }

    private ConfigException error(String key, String message) {
        return new ConfigException(file + ": " + key + ": " + message);
    }

    private void keys(JsonNode node, String prefix, Set<String> allowed) throws ConfigException {
        if (!node.isObject()) {
            throw error(prefix.isEmpty() ? "scenario" : prefix.substring(0, prefix.length() - 1),
                    "must be a mapping with the keys " + sorted(allowed));
        }
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!allowed.contains(key)) {
                throw error(prefix + key, "unknown key; allowed here: " + sorted(allowed));
            }
        }
    }

    private static List<String> sorted(Set<String> keys) {
        return keys.stream().sorted().toList();
    }

    private List<JsonNode> list(JsonNode root, String key, boolean required) throws ConfigException {
        JsonNode node = root.get(key);
        if (node == null) {
            if (required) {
                throw error(key, "required: a list");
            }
            return List.of();
        }
        if (!node.isArray()) {
            throw error(key, "must be a list");
        }
        List<JsonNode> items = new ArrayList<>();
        node.forEach(items::add);
        return items;
    }

    private static String leaf(String path) {
        int dot = path.lastIndexOf('.');
        return dot < 0 ? path : path.substring(dot + 1);
    }

    private String text(JsonNode node, String path, boolean required) throws ConfigException {
        JsonNode v = node.get(leaf(path));
        if (v == null) {
            if (required) {
                throw error(path, "required");
            }
            return "";
        }
        if (!v.isTextual()) {
            throw error(path, "must be text, got " + v);
        }
        return v.asText();
    }

    private int integer(JsonNode node, String path, boolean required, int absent) throws ConfigException {
        JsonNode v = node.get(leaf(path));
        if (v == null) {
            if (required) {
                throw error(path, "required: a whole number");
            }
            return absent;
        }
        if (!v.isIntegralNumber() || !v.canConvertToInt()) {
            throw error(path, "must be a whole number, got " + v);
        }
        return v.asInt();
    }

    private double number(JsonNode node, String path) throws ConfigException {
        JsonNode v = node.get(leaf(path));
        if (v == null) {
            return Double.NaN;
        }
        if (!v.isNumber()) {
            throw error(path, "must be a number, got " + v);
        }
        return v.asDouble();
    }

    private double required(JsonNode node, String path) throws ConfigException {
        double v = number(node, path);
        if (Double.isNaN(v)) {
            throw error(path, "required: a number");
        }
        return v;
    }

    private double orZero(JsonNode node, String path) throws ConfigException {
        double v = number(node, path);
        return Double.isNaN(v) ? 0 : v;
    }
}
