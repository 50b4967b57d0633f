package org.dynnd.daemon.demo;

import java.util.Locale;
import org.dynnd.daemon.pages.Pages;

/** The report's HTML page: the steps' summaries in a table, then the plots saved beside it. */
final class DemoHtml {

    private DemoHtml() {}

    static String page(DemoReport.Content c) {
        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>dynnd demo report</title>\n")
                .append("<style>body{font-family:sans-serif;max-width:960px;margin:2em auto;color:#222}")
                .append("table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:4px 8px;text-align:right}")
                .append("td:first-child,th:first-child{text-align:left}.no{color:#b00;font-weight:bold}</style></head><body>\n");
        h.append("<h1>dynnd demo</h1>\n<p>").append(escape(c.model())).append(" on ").append(escape(c.platform()))
                .append(String.format(Locale.ROOT, ": %d control periods, %.1f s in all (the daemon took %.1f s to start),",
                        c.samples().size(), c.wallS(), c.startupS()))
                .append(" daemon exit code after SIGTERM ").append(c.daemonExitCode())
                .append(". Image requests refused: ").append(c.refusedImages()).append(".</p>\n");
        h.append("<p>A period meets its step's budget when its 95th-percentile latency, its average board power and its")
                .append(" energy per inference are all within the step's constraints. <em>Met after settling</em> counts the")
                .append(" step's periods after its first ").append(StepSummary.SETTLING_PERIODS).append(".</p>\n");
        h.append("<table><tr><th>step</th><th>budget</th><th>periods</th><th>met after settling</th><th>median p95 ms</th>")
                .append("<th>median W</th><th>median mJ/inf</th><th>live accuracy %</th></tr>\n");
        for (int i = 0; i < c.steps().size(); i++) {
            DemoStep step = c.steps().get(i);
            StepSummary s = c.summaries().get(i);
            boolean missed = !Double.isNaN(s.metShare()) && s.metShare() < 1;
            h.append("<tr><td>").append(escape(step.name())).append("</td><td>").append(escape(step.budgetLabel()))
                    .append("</td><td>").append(s.periods()).append("</td><td").append(missed ? " class=\"no\">" : ">")
                    .append(step.hasBudget() ? s.metPeriods() + "/" + s.settledPeriods() + " (" + DemoReport.percent(s.metShare()) + ")" : "no budget")
                    .append("</td><td>").append(DemoTable.f(s.medianP95Ms(), 2)).append("</td><td>").append(DemoTable.f(s.medianPowerW(), 2))
                    .append("</td><td>").append(DemoTable.f(s.medianEnergyMj(), 1)).append("</td><td>").append(DemoTable.f(s.liveAccuracy(), 1))
                    .append("</td></tr>\n");
        }
        h.append("</table>\n");
        figure(h, "latency.png", "Latency: the p50 and p95 of each period against the latency budget (dashed).");
        figure(h, "power.png", "Average board power of each period against the power cap (dashed).");
        figure(h, "energy.png", "Energy per inference of each period against the energy budget (dashed).");
        figure(h, "operating-point.png", "The operating point: groups k (left axis) and the frequency of the unit in use (right axis).");
        figure(h, "accuracy.png", "Live accuracy of the streamed Fashion-MNIST test images, and the model's test accuracy at the k in use.");
        h.append("<p>The numbers behind every plot are in <a href=\"report.json\">report.json</a>.</p>\n</body></html>\n");
        return h.toString();
    }

    private static void figure(StringBuilder h, String png, String caption) {
        Pages.figure(h, png, caption, DemoCharts.WIDTH);
    }

    private static String escape(String text) {
        return Pages.escape(text);
    }
}
