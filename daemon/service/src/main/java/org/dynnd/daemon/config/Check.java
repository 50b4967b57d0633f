package org.dynnd.daemon.config;

import java.nio.file.Path;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Value checks shared by the configuration records; each failure names the key and what is allowed. */
final class Check {

    private Check() {}

    static int range(String key, Integer value, int defaultValue, int min, int max) {
        int v = value == null ? defaultValue : value;
        if (v < min || v > max) {
            throw new InvalidValueException(key, v + " is out of range; allowed: an integer from " + min + " to " + max);
        }
        return v;
    }

    static double range(String key, Double value, double defaultValue, double min, double max, boolean openLow) {
        double v = value == null ? defaultValue : value;
        boolean low = openLow ? v > min : v >= min;
        if (Double.isNaN(v) || !low || v > max) {
            throw new InvalidValueException(key, v + " is out of range; allowed: a number "
                    + (openLow ? "above " : "from ") + min + (openLow ? " up to " : " to ") + max);
        }
        return v;
    }

    static String oneOf(String key, String value, String defaultValue, Collection<String> allowed) {
        String v = value == null ? defaultValue : value;
        if (!allowed.contains(v)) {
            throw new InvalidValueException(key, "'" + v + "' is not allowed; allowed: " + String.join(", ", allowed));
        }
        return v;
    }

    /** An absolute path, or {@code auto} when {@code autoAllowed}. */
    static String absolutePathOrAuto(String key, String value, String defaultValue, boolean autoAllowed) {
        String v = value == null ? defaultValue : value;
        if (autoAllowed && v.equals("auto")) {
            return v;
        }
        if (v.isEmpty() || !Path.of(v).isAbsolute() || v.indexOf('\0') >= 0) {
            throw new InvalidValueException(key, "'" + v + "' is not an absolute path; allowed: an absolute path"
                    + (autoAllowed ? " or 'auto'" : ""));
        }
        return v;
    }

    /** A list whose items all belong to {@code allowed}, each at most once. */
    static List<String> subset(String key, List<String> value, List<String> defaultValue, Collection<String> allowed) {
        List<String> v = value == null ? defaultValue : List.copyOf(value);
        Set<String> seen = new HashSet<>();
        for (String item : v) {
            if (!allowed.contains(item)) {
                throw new InvalidValueException(key, "'" + item + "' is not allowed; allowed: " + String.join(", ", allowed));
            }
            if (!seen.add(item)) {
                throw new InvalidValueException(key, "'" + item + "' is listed twice; allowed: each at most once");
            }
        }
        return v;
    }

    /** Non-empty names without blanks, such as user or rail names. */
    static List<String> names(String key, List<String> value, List<String> defaultValue) {
        List<String> v = value == null ? defaultValue : List.copyOf(value);
        for (String item : v) {
            if (item.isBlank() || item.chars().anyMatch(Character::isWhitespace)) {
                throw new InvalidValueException(key, "'" + item + "' is not a name; allowed: non-empty names without spaces");
            }
        }
        return v;
    }
}
