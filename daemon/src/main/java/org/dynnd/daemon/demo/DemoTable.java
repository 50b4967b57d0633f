package org.dynnd.daemon.demo;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import org.dynnd.daemon.pages.Pages;

/** The demo's live table: a line when a step starts, then one row per control period. */
final class DemoTable {

    private static final String ROW = "%6s  %-18s  %-18s  %7s  %7s  %6s  %7s  %6s  %s%n";

    private final PrintStream out;
    private final List<DemoStep> steps;

    DemoTable(PrintStream out, List<DemoStep> steps) {
        this.out = out;
        this.steps = steps;
    }

    void header() {
        out.printf(Locale.ROOT, ROW, "t s", "budget", "operating point", "p50 ms", "p95 ms", "W", "mJ/inf", "acc %", "met");
    }

    void step(int index) {
        DemoStep step = steps.get(index);
        out.printf(Locale.ROOT, "-- step %d/%d: %s (%s), %.1f s%n", index + 1, steps.size(), step.name(), step.budgetLabel(),
                step.durationS());
        out.flush();
    }

    void row(DemoSample s) {
        DemoStep step = steps.get(s.step());
        String met = step.hasBudget() ? (step.metBy(s.latencyP95Ms(), s.powerW(), s.energyMj()) ? "yes" : "NO") : "-";
        out.printf(Locale.ROOT, ROW, f(s.timeS(), 1), step.budgetLabel(),
                String.format(Locale.ROOT, "k=%d %s@%.0fMHz", s.groups(), s.unit(), s.frequencyMhz()),
                f(s.latencyP50Ms(), 2), f(s.latencyP95Ms(), 2), f(s.powerW(), 2), f(s.energyMj(), 1), f(s.liveAccuracy(), 1),
                met);
        out.flush();
    }

    /** {@code value} with {@code decimals} decimals, or "-" when unknown. */
    static String f(double value, int decimals) {
        return Pages.fixed(value, decimals);
    }
}
