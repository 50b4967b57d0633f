package org.dynnd.governor.control;

/** The kinds of constraint a budget can hold. */
public enum Constraint {
    /** Average power of the measured rails over a period at most the cap. */
    POWER,
    /** Every inference within the latency budget (and the unit keeps up with the requests). */
    LATENCY,
    /** Mean energy per inference at most the budget. */
    ENERGY,
    /** Mean top-1 accuracy at least the floor. */
    ACCURACY;

    /** Bit of this constraint in a violation mask. */
    int bit() {
        return 1 << ordinal();
    }
}
