package org.dynnd.sensors;

/** What a rail's readings are. */
public enum Quantity {
    /** Instantaneous power, in watts; energy is integrated over time from the samples. */
    POWER,
    /** A cumulative energy counter, in joules, already unwrapped; power is its slope. */
    ENERGY
}
