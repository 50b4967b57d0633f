package org.dynnd.governor.op;

/** What kind of hardware a compute unit is; it decides which actuator sets its frequency. */
public enum UnitKind {
    /** A cpufreq policy (a cluster of cores sharing one clock). */
    CPU_CLUSTER,
    /** A GPU whose clock is a devfreq device. */
    GPU
}
