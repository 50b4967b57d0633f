package org.dynnd.daemon.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which power rails are read and what they mean.
 *
 * @param periodMs sampling period; never faster than a sensor's own refresh interval
 * @param totalRail the rail that measures the whole board, or {@code auto} for the board preset's
 * @param unitRails for each compute unit (such as {@code big}, {@code little}, {@code gpu}) the
 *     rails that supply it; empty means the board preset's
 */
public record SensorsConfig(Integer periodMs, String totalRail, Map<String, List<String>> unitRails) {

    public SensorsConfig {
        periodMs = Check.range("period_ms", periodMs, 100, 1, 60_000);
        totalRail = Check.names("total_rail", totalRail == null ? null : List.of(totalRail), List.of("auto")).get(0);
        Map<String, List<String>> rails = new LinkedHashMap<>();
        if (unitRails != null) {
            for (var entry : unitRails.entrySet()) {
                Check.names("unit_rails", List.of(entry.getKey()), List.of());
                if (entry.getValue() == null || entry.getValue().isEmpty()) {
                    throw new InvalidValueException("unit_rails", "unit '" + entry.getKey()
                            + "' has no rails; allowed: a list of one or more rail names");
                }
                rails.put(entry.getKey(), Check.names("unit_rails", entry.getValue(), List.of()));
            }
        }
        unitRails = java.util.Collections.unmodifiableMap(rails);
    }

    public static SensorsConfig defaults() {
        return new SensorsConfig(null, null, null);
    }
}
