package org.dynnd.daemon.reload;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.dynnd.daemon.config.DynndConfig;

/**
 * What changed between the configuration in force and a new one, key by key (the keys of
 * {@code dynnd.yaml}, such as {@code governor.period_ms}), sorted into the keys a running daemon
 * applies at once ({@link #LIVE}) and the ones that need a restart. {@link #effective()} is the
 * configuration the daemon runs with after the reload: the new values of the live keys, the old
 * values of the others.
 *
 * @param live the live keys whose value changed
 * @param restartOnly the other keys whose value changed; they keep their old value until the next start
 * @param effective the configuration in force after the reload
 */
public record ConfigDiff(List<String> live, List<String> restartOnly, DynndConfig effective) {

    /**
     * The keys a running daemon takes over on SIGHUP. Everything else (platform, sysfs root,
     * socket, runtime and cache folders, model bundle, sensors, calibration, co-runners) is
     * fixed by what was built at start: the hardware found, the weights loaded, the socket bound.
     */
    public static final Set<String> LIVE = Set.of(
            "daemon.log_level",
            "inference.queue_capacity",
            "inference.intra_op_threads",
            "governor.period_ms",
            "governor.objective",
            "governor.confidence",
            "governor.precedence",
            "governor.hysteresis",
            "access.budget_users",
            "access.budget_groups",
            "access.read_ops",
            "telemetry.keep_s",
            "telemetry.prometheus_file");

    // The keys of the records are the YAML file's keys under the loader's naming strategy.
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .build();

    public ConfigDiff {
        live = List.copyOf(live);
        restartOnly = List.copyOf(restartOnly);
    }

    /** Compares {@code running} with {@code next}. */
    public static ConfigDiff between(DynndConfig running, DynndConfig next) {
        ObjectNode old = MAPPER.valueToTree(running);
        ObjectNode merged = MAPPER.valueToTree(next);
        List<String> live = new ArrayList<>();
        List<String> restart = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> sections = old.fields(); sections.hasNext();) {
            Map.Entry<String, JsonNode> section = sections.next();
            ObjectNode mergedSection = (ObjectNode) merged.get(section.getKey());
            for (Iterator<Map.Entry<String, JsonNode>> keys = section.getValue().fields(); keys.hasNext();) {
                Map.Entry<String, JsonNode> key = keys.next();
                String name = section.getKey() + "." + key.getKey();
                if (key.getValue().equals(mergedSection.get(key.getKey()))) {
                    continue;
                }
                if (LIVE.contains(name)) {
                    live.add(name);
                } else {
                    restart.add(name);
                    mergedSection.set(key.getKey(), key.getValue());
                }
            }
        }
        try {
            return new ConfigDiff(live, restart, MAPPER.treeToValue(merged, DynndConfig.class));
        } catch (JsonProcessingException | IllegalArgumentException e) {
            // Both halves were valid configurations and each key keeps a value one of them had.
            throw new IllegalStateException("cannot combine the running and the new configuration: " + e.getMessage(), e);
        }
    }

    /** Whether nothing changed. */
    public boolean empty() {
        return live.isEmpty() && restartOnly.isEmpty();
    }

    /** Whether {@code key} is among the live keys that changed. */
    public boolean changed(String key) {
        return live.contains(key);
    }
}
