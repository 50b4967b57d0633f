package org.dynnd.daemon.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.dynnd.daemon.pages.Pages;
import org.dynnd.daemon.report.ParetoFront.Objective;
import org.dynnd.governor.op.ComputeUnit;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogarithmicAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** The report's plots, drawn with JFreeChart and saved as PNG beside the report. */
final class ReportCharts {

    static final int WIDTH = 800;
    static final int HEIGHT = 420;
    private static final BasicStroke DASHED =
            new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f);

    /** Policies' lines: none red, the budget's colour. */
    private static final Color[] POLICY_COLOURS = {new Color(30, 90, 200), new Color(90, 90, 90), new Color(40, 160, 60)};

    private final ReportContent c;

    ReportCharts(ReportContent content) {
        this.c = content;
    }

    /** Writes every plot the report's blocks name into {@code folder}. */
    void writeAll(Path folder) throws IOException {
        accuracy(folder.resolve("accuracy.png"));
        perUnit(folder.resolve("latency-per-unit.png"), "Latency per inference at maximum frequency", "ms (log scale)",
                OpPoint::latencyMs);
        perUnit(folder.resolve("energy-per-unit.png"), "Energy per inference at maximum frequency", "mJ (log scale)",
                OpPoint::energyMj);
        space(folder.resolve("space-latency.png"), Objective.LATENCY, "latency per inference, ms (log scale)", true);
        space(folder.resolve("space-energy.png"), Objective.ENERGY, "energy per inference, mJ (log scale)", true);
        space(folder.resolve("space-power.png"), Objective.POWER, "power while inference runs, W", false);
        if (c.governor().isEmpty()) {
            return;
        }
        GovernorSection.TimeSeries t = c.governor().get().series();
        timeSeries(folder.resolve("governor-power.png"), "Scenario " + t.scenario() + ": average power", "W", t.powerW(),
                t.powerCapW(), "power cap", t.periodMs());
        timeSeries(folder.resolve("governor-accuracy.png"), "Scenario " + t.scenario() + ": mean accuracy", "%",
                t.accuracyPercent(), t.minAccuracyPercent(), "accuracy floor", t.periodMs());
    }

    private void accuracy(Path png) throws IOException {
        XYSeries series = new XYSeries("grouped model, k groups");
        for (int k = 1; k <= c.manifest().groups(); k++) {
            series.add(k, c.manifest().accuracy(k));
        }
        XYPlot plot = plot(new XYSeriesCollection(series), integerAxis("active groups k"), new NumberAxis("top-1 accuracy %"),
                true);
        ((NumberAxis) plot.getRangeAxis()).setAutoRangeIncludesZero(false);
        if (c.manifest().denseAccuracy() != null) {
            ValueMarker dense = new ValueMarker(c.manifest().denseAccuracy(), Color.GRAY, DASHED);
            dense.setLabel("dense reference");
            plot.addRangeMarker(dense);
        }
        save(png, "Accuracy per k (" + c.manifest().dataset().testImages() + " test images, manifest)", plot);
    }

    private void perUnit(Path png, String title, String unit, ToDoubleFunction<OpPoint> value) throws IOException {
        XYSeriesCollection data = new XYSeriesCollection();
        for (ComputeUnit u : c.characterisation().space().units()) {
            XYSeries series = new XYSeries(u.name() + " @ " + u.maxFrequencyKHz() / 1000 + " MHz");
            for (OpPoint p : c.characterisation().atMaxFrequency(u.name())) {
                series.add(p.k(), value.applyAsDouble(p));
            }
            data.addSeries(series);
        }
        save(png, title, plot(data, integerAxis("active groups k"), log(unit), true));
    }

    private void space(Path png, Objective figure, String axis, boolean logScale) throws IOException {
        List<OpPoint> points = c.characterisation().points();
        ToDoubleFunction<OpPoint> x = p -> figure == Objective.LATENCY ? p.latencyMs()
                : figure == Objective.ENERGY ? p.energyMj() : p.powerW();
        XYSeriesCollection marks = new XYSeriesCollection();
        for (ComputeUnit u : c.characterisation().space().units()) {
            XYSeries series = new XYSeries(u.name(), false, true);
            points.stream().filter(p -> p.unit().equals(u.name())).forEach(p -> series.add(x.applyAsDouble(p), p.accuracyPercent()));
            marks.addSeries(series);
        }
        XYPlot plot = plot(marks, logScale ? log(axis) : new NumberAxis(axis), new NumberAxis("top-1 accuracy %"), false);
        ((NumberAxis) plot.getRangeAxis()).setAutoRangeIncludesZero(false);
        XYSeries front = new XYSeries("Pareto front", false, true);
        ParetoFront.of(points, Objective.ACCURACY, figure).forEach(p -> front.add(x.applyAsDouble(p), p.accuracyPercent()));
        plot.setDataset(1, new XYSeriesCollection(front));
        XYLineAndShapeRenderer line = new XYLineAndShapeRenderer(true, true);
        line.setSeriesPaint(0, Color.BLACK);
        line.setSeriesStroke(0, new BasicStroke(1.5f));
        plot.setRenderer(1, line);
        save(png, "The OP space: accuracy against " + figure.name().toLowerCase(java.util.Locale.ROOT), plot);
    }

    private void timeSeries(Path png, String title, String unit, Map<String, double[]> byPolicy, double[] budget,
            String budgetName, double periodMs) throws IOException {
        double seconds = periodMs / 1000;
        XYSeriesCollection data = new XYSeriesCollection();
        byPolicy.forEach((policy, values) -> {
            XYSeries series = new XYSeries(policy, true, true);
            for (int p = 0; p < values.length; p++) {
                series.add(p * seconds, Double.isNaN(values[p]) ? null : values[p]);
            }
            data.addSeries(series);
        });
        XYPlot plot = plot(data, new NumberAxis("simulated seconds"), new NumberAxis(unit), false);
        XYLineAndShapeRenderer lines = new XYLineAndShapeRenderer(true, false);
        for (int i = 0; i < data.getSeriesCount(); i++) {
            lines.setSeriesPaint(i, POLICY_COLOURS[i % POLICY_COLOURS.length]);
        }
        plot.setRenderer(0, lines);
        XYSeries limit = new XYSeries(budgetName, true, true);
        for (int p = 0; p < budget.length; p++) {
            limit.add(p * seconds, Double.isNaN(budget[p]) ? null : budget[p]);
        }
        plot.setDataset(1, new XYSeriesCollection(limit));
        XYLineAndShapeRenderer dashed = new XYLineAndShapeRenderer(true, false);
        dashed.setSeriesPaint(0, Color.RED);
        dashed.setSeriesStroke(0, DASHED);
        plot.setRenderer(1, dashed);
        ((NumberAxis) plot.getRangeAxis()).setAutoRangeIncludesZero(false);
        save(png, title, plot);
    }

    private static XYPlot plot(XYSeriesCollection data, ValueAxis x, ValueAxis y, boolean lines) {
        XYPlot plot = new XYPlot(data, x, y, new XYLineAndShapeRenderer(lines, true));
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        return plot;
    }

    private static NumberAxis integerAxis(String label) {
        NumberAxis axis = new NumberAxis(label);
        axis.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        return axis;
    }

    private static LogarithmicAxis log(String label) {
        LogarithmicAxis axis = new LogarithmicAxis(label);
        axis.setAllowNegativesFlag(false);
        return axis;
    }

    private static void save(Path png, String title, XYPlot plot) throws IOException {
        JFreeChart chart = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        Pages.savePng(png, chart, WIDTH, HEIGHT);
    }
}
