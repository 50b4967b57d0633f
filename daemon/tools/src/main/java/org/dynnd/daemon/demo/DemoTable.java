package org.dynnd.daemon.demo;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.dynnd.daemon.pages.Pages;

/**
 * The demo's live table: a line when a step starts, then one row per control period; at the end
 * the summary of every step, as the HTML report shows it.
 */
final class DemoTable {

    /** Wide enough for the XU3's longest point, {@code k=4 a15@2000MHz}, and the header. */
    private static final int OP_WIDTH = 16;

    private final PrintStream out;
    private final List<DemoStep> steps;
    private final String row;

    DemoTable(PrintStream out, List<DemoStep> steps) {
        this.out = out;
        this.steps = steps;
        // The budget column fits the longest label of the script, so no row is pushed out of line.
        int budget = "budget".length();
        for (DemoStep step : steps) {
            budget = Math.max(budget, step.budgetLabel().length());
        }
        this.row = "%6s  %-" + budget + "s  %-" + OP_WIDTH + "s  %7s  %7s  %6s  %7s  %6s  %s%n";
    }

    void header() {
        out.printf(Locale.ROOT, row, "t s", "budget", "operating point", "p50 ms", "p95 ms", "W", "mJ/inf", "acc %", "met");
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
        out.printf(Locale.ROOT, row, f(s.timeS(), 1), step.budgetLabel(),
                String.format(Locale.ROOT, "k=%d %s@%.0fMHz", s.groups(), s.unit(), s.frequencyMhz()),
                f(s.latencyP50Ms(), 2), f(s.latencyP95Ms(), 2), f(s.powerW(), 2), f(s.energyMj(), 1), f(s.liveAccuracy(), 1),
                met);
        out.flush();
    }

    /** One row per step with what the report's table holds; {@code summaries} are in step order. */
    void summary(List<StepSummary> summaries) {
        List<String[]> cells = new ArrayList<>();
        cells.add(new String[] {"step", "budget", "periods", "met", "p95 ms", "W", "mJ/inf", "acc %"});
        for (StepSummary s : summaries) {
            DemoStep step = steps.get(s.step());
            cells.add(new String[] {step.name(), step.budgetLabel(), Integer.toString(s.periods()),
                step.hasBudget() ? s.metPeriods() + "/" + s.settledPeriods() + " (" + DemoReport.percent(s.metShare()) + ")"
                        : "no budget",
                f(s.medianP95Ms(), 2), f(s.medianPowerW(), 2), f(s.medianEnergyMj(), 1), f(s.liveAccuracy(), 1)});
        }
        int[] width = new int[cells.get(0).length];
        for (String[] line : cells) {
            for (int c = 0; c < line.length; c++) {
                width[c] = Math.max(width[c], line[c].length());
            }
        }
        out.println("dynnd demo: summary per step, over its periods after the first " + StepSummary.SETTLING_PERIODS
                + " (settling): how many");
        out.println("met the budget; medians of p95 latency, board power, energy per inference; live accuracy");
        for (String[] line : cells) {
            StringBuilder text = new StringBuilder();
            for (int c = 0; c < line.length; c++) {
                String format = c < 2 ? "%-" + width[c] + "s" : "%" + width[c] + "s";
                text.append(c == 0 ? "" : "  ").append(String.format(Locale.ROOT, format, line[c]));
            }
            out.println(text.toString().stripTrailing());
        }
        out.flush();
    }

    /** {@code value} with {@code decimals} decimals, or "-" when unknown. */
    static String f(double value, int decimals) {
        return Pages.fixed(value, decimals);
    }
}
