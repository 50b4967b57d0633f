package org.dynnd.daemon.demo;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One step of the demo's script: a budget held for a while, possibly with a co-runner on the
 * big cluster. A constraint left out is {@code NaN}.
 *
 * @param name short name, as the table and the report show it
 * @param startS when the step starts, seconds after the daemon is ready
 * @param durationS how long it lasts
 * @param latencyMs latency budget per inference, ms
 * @param powerW power cap, W
 * @param energyMj energy budget per inference, mJ
 * @param coRunner whether a co-runner runs on the big cluster during the step
 */
public record DemoStep(String name, double startS, double durationS, double latencyMs, double powerW, double energyMj,
        boolean coRunner) {

    /** When the step ends, seconds after the daemon is ready. */
    public double endS() {
        return startS + durationS;
    }

    /** Whether the step holds any budget (the first, steady step holds none). */
    public boolean hasBudget() {
        return !Double.isNaN(latencyMs) || !Double.isNaN(powerW) || !Double.isNaN(energyMj);
    }

    /** The budget as the table shows it. */
    public String budgetLabel() {
        StringBuilder label = new StringBuilder();
        if (!Double.isNaN(latencyMs)) {
            label.append(String.format(java.util.Locale.ROOT, "lat<=%.0fms ", latencyMs));
        }
        if (!Double.isNaN(powerW)) {
            label.append(String.format(java.util.Locale.ROOT, "P<=%.1fW ", powerW));
        }
        if (!Double.isNaN(energyMj)) {
            label.append(String.format(java.util.Locale.ROOT, "E<=%.0fmJ ", energyMj));
        }
        if (coRunner) {
            label.append("+co-runner ");
        }
        return label.length() == 0 ? "none" : label.toString().strip();
    }

    /** Puts the step's constraints into a {@code budget} request. */
    void addTo(ObjectNode request) {
        if (!Double.isNaN(latencyMs)) {
            request.put("latency_ms", latencyMs);
        }
        if (!Double.isNaN(powerW)) {
            request.put("power_w", powerW);
        }
        if (!Double.isNaN(energyMj)) {
            request.put("energy_mj", energyMj);
        }
    }

    /**
     * Whether a period's measurements meet every constraint of the step: the period's 95th
     * percentile latency (the governor meets budgets with 95 % confidence), its average board
     * power and its energy per inference. A period without inferences meets nothing.
     */
    public boolean metBy(double p95Ms, double powerW, double energyMj) {
        if (Double.isNaN(p95Ms)) {
            return false;
        }
        boolean latency = Double.isNaN(this.latencyMs) || p95Ms <= this.latencyMs;
        boolean power = Double.isNaN(this.powerW) || (!Double.isNaN(powerW) && powerW <= this.powerW);
        boolean energy = Double.isNaN(this.energyMj) || (!Double.isNaN(energyMj) && energyMj <= this.energyMj);
        return latency && power && energy;
    }
}
