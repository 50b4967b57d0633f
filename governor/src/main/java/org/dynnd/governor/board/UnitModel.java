package org.dynnd.governor.board;

import org.dynnd.governor.op.ComputeUnit;

/**
 * The physics of one compute unit: for each available frequency a supply voltage, a dynamic
 * power coefficient C (P_dyn = C·V²·f per core), static power, and how fast it computes.
 *
 * @param unit the unit (name, CPUs, frequencies)
 * @param volts the supply voltage at each of {@code unit.frequenciesKHz()}, in V
 * @param coefficientUwPerMhzV2 C per core in µW/MHz/V² (the devicetree
 *     {@code dynamic-power-coefficient} unit)
 * @param poweredCores how many cores draw dynamic power while inference runs
 * @param staticW leakage and always-on power of the unit's rail, in W
 * @param idleDynamicFraction share of the dynamic power still drawn while idle (clock-gated cores)
 * @param macsPerCycle multiply-accumulates per clock cycle of the whole unit, all cores together
 * @param overheadMs time per inference that does not scale with the clock (memory, framework)
 */
public record UnitModel(ComputeUnit unit, double[] volts, double coefficientUwPerMhzV2, int poweredCores,
        double staticW, double idleDynamicFraction, double macsPerCycle, double overheadMs) {

    public UnitModel {
        volts = volts.clone();
        if (volts.length != unit.frequenciesKHz().length) {
            throw new IllegalArgumentException("unit " + unit.name() + ": " + unit.frequenciesKHz().length
                    + " frequencies but " + volts.length + " voltages");
        }
        if (!(coefficientUwPerMhzV2 > 0 && macsPerCycle > 0 && staticW >= 0 && overheadMs >= 0 && poweredCores > 0
                && idleDynamicFraction >= 0 && idleDynamicFraction <= 1)) {
            throw new IllegalArgumentException("unit " + unit.name() + ": physical constants out of range");
        }
    }

    /** Dynamic power of all powered cores at frequency index {@code f}, in W: C·V²·f. */
    public double dynamicW(int f) {
        double mhz = unit.frequenciesKHz()[f] / 1000.0;
        return coefficientUwPerMhzV2 * 1e-6 * volts[f] * volts[f] * mhz * poweredCores;
    }

    /** Power of this unit's rail while it runs inference at frequency index {@code f}, in W. */
    public double busyW(int f) {
        return dynamicW(f) + staticW;
    }

    /** Power of this unit's rail while it idles at frequency index {@code f}, in W. */
    public double idleW(int f) {
        return idleDynamicFraction * dynamicW(f) + staticW;
    }

    /** Latency of {@code macs} multiply-accumulates at frequency index {@code f}, in ms. */
    public double latencyMs(double macs, int f) {
        double hz = unit.frequenciesKHz()[f] * 1000.0;
        return macs / (macsPerCycle * hz) * 1000.0 + overheadMs;
    }

    @Override
    public double[] volts() {
        return volts.clone();
    }
}
