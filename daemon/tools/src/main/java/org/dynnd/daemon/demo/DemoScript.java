package org.dynnd.daemon.demo;

import java.util.ArrayList;
import java.util.List;

/**
 * The demo's budget steps on the emulated Odroid XU3 running the shipped 4-group AlexNet. The
 * budgets are chosen to bind (each makes the governor leave the point it picks without one: k=4
 * on the A15 at 900 MHz, about 17 ms, 1.6 W and 32 mJ per inference by the board model) and to be
 * feasible on that board: the tight latency is met at k=3 on the A15 at 1.8 GHz (k=1 at 2 GHz takes
 * 2.8 ms), the power cap and the energy budget on the A7, and the co-runner step's 15 ms, which
 * k=4 on the A15 meets without the co-runner but not with it (1.8 times slower), by fewer groups
 * or by moving to the A7.
 */
public final class DemoScript {

    /** Latency budget of the loose step, ms: met by every k on the A15. */
    static final double LOOSE_LATENCY_MS = 40;
    /** Latency budget of the tight step, ms. */
    static final double TIGHT_LATENCY_MS = 8;
    /** Latency budget of the co-runner step, ms: met by k=4 on the A15 without the co-runner, not with it. */
    static final double CO_RUNNER_LATENCY_MS = 15;
    /** The confidence the demo asks of the governor (its configuration's {@code governor.confidence}). */
    static final double CONFIDENCE = 0.99;
    /** Power cap, W: below the unconstrained point's 1.6 W, above the A7 points near 1 W. */
    static final double POWER_CAP_W = 1.2;
    /** Energy budget per inference, mJ: below the unconstrained point's 32 mJ. */
    static final double ENERGY_MJ = 25;
    /** How much longer inference on the A15 takes while the co-runner runs. */
    public static final double CO_RUNNER_SLOWDOWN = 1.8;
    /** The share of the A15's time the co-runner keeps busy. */
    public static final double CO_RUNNER_LOAD = 1.0;
    /** The unit the co-runner runs on: the XU3's big cluster. */
    public static final String CO_RUNNER_UNIT = "a15";

    /** The shortest script: each of the six steps lasts at least two seconds (four control periods). */
    public static final int MIN_DURATION_S = 12;

    private DemoScript() {}

    /** The six steps spread over {@code durationS} seconds, in equal parts. */
    public static List<DemoStep> steps(double durationS) {
        if (durationS < MIN_DURATION_S) {
            throw new IllegalArgumentException("the demo needs at least " + MIN_DURATION_S + " s, got " + durationS);
        }
        double each = durationS / 6;
        double nan = Double.NaN;
        List<DemoStep> steps = new ArrayList<>();
        steps.add(new DemoStep("steady", 0, each, nan, nan, nan, false));
        steps.add(new DemoStep("loose latency", each, each, LOOSE_LATENCY_MS, nan, nan, false));
        steps.add(new DemoStep("tight latency", 2 * each, each, TIGHT_LATENCY_MS, nan, nan, false));
        steps.add(new DemoStep("power cap", 3 * each, each, nan, POWER_CAP_W, nan, false));
        steps.add(new DemoStep("energy budget", 4 * each, each, nan, nan, ENERGY_MJ, false));
        steps.add(new DemoStep("co-runner on a15", 5 * each, each, CO_RUNNER_LATENCY_MS, nan, nan, true));
        return List.copyOf(steps);
    }
}
