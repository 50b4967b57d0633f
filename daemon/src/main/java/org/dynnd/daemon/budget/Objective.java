package org.dynnd.daemon.budget;

import java.util.Arrays;
import java.util.Optional;

/** What the governor optimises once every constraint is met. */
public enum Objective {
    /** The highest accuracy within the constraints (the default). */
    MAX_ACCURACY("max-accuracy"),
    /** The lowest energy per inference within the constraints. */
    MIN_ENERGY("min-energy");

    private final String wire;

    Objective(String wire) {
        this.wire = wire;
    }

    /** The name on the wire and in configuration. */
    public String wireName() {
        return wire;
    }

    /** The objective called {@code name} on the wire, if any. */
    public static Optional<Objective> fromWire(String name) {
        return Arrays.stream(values()).filter(o -> o.wire.equals(name)).findFirst();
    }
}
