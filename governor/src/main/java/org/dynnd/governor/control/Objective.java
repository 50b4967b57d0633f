package org.dynnd.governor.control;

import java.util.Arrays;
import java.util.Optional;

/** What the controller optimises once every constraint of the budget is met. */
public enum Objective {
    /** Highest mean accuracy; lower energy breaks ties. */
    MAX_ACCURACY("max-accuracy"),
    /** Lowest energy per inference; higher accuracy breaks ties. */
    MIN_ENERGY("min-energy");

    private final String label;

    Objective(String label) {
        this.label = label;
    }

    /** The name used in budgets and on the command line. */
    public String label() {
        return label;
    }

    /** Parses {@code max-accuracy} or {@code min-energy}. */
    /** The objective labelled {@code label} (as on the wire and in configuration), if any. */
    public static Optional<Objective> find(String label) {
        return Arrays.stream(values()).filter(o -> o.label.equals(label)).findFirst();
    }

    public static Objective parse(String text) {
        for (Objective o : values()) {
            if (o.label.equals(text)) {
                return o;
            }
        }
        throw new IllegalArgumentException("unknown objective '" + text + "'; allowed: max-accuracy, min-energy");
    }
}
