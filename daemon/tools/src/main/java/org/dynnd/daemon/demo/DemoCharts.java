package org.dynnd.daemon.demo;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.ToDoubleFunction;
import org.dynnd.daemon.pages.Pages;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogarithmicAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.IntervalMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.renderer.xy.XYStepRenderer;
import org.jfree.chart.ui.Layer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** The report's plots, drawn with JFreeChart and saved as PNG: measurements against budgets over time. */
final class DemoCharts {

    static final int WIDTH = 900;
    static final int HEIGHT = 330;

    private static final Color[] SHADES = {new Color(245, 245, 245), new Color(230, 238, 250)};

    private final List<DemoStep> steps;
    private final List<DemoSample> samples;

    DemoCharts(List<DemoStep> steps, List<DemoSample> samples) {
        this.steps = steps;
        this.samples = samples;
    }

    /** Latency percentiles against the latency budget. */
    void latency(Path png) throws IOException {
        XYSeriesCollection measured = new XYSeriesCollection();
        measured.addSeries(series("p95 latency", DemoSample::latencyP95Ms));
        measured.addSeries(series("p50 latency", DemoSample::latencyP50Ms));
        JFreeChart chart = chart("Latency per inference", "ms", measured, budget("latency budget", DemoStep::latencyMs));
        // A log scale: a stall of the host (hundreds of ms) must not flatten the tight budgets (a few ms).
        LogarithmicAxis ms = new LogarithmicAxis("ms (log scale)");
        ms.setAllowNegativesFlag(false);
        chart.getXYPlot().setRangeAxis(ms);
        save(png, chart);
    }

    /** Board power against the power cap. */
    void power(Path png) throws IOException {
        XYSeriesCollection measured = new XYSeriesCollection(series("board power", DemoSample::powerW));
        save(png, chart("Average board power", "W", measured, budget("power cap", DemoStep::powerW)));
    }

    /** Energy per inference against the energy budget. */
    void energy(Path png) throws IOException {
        XYSeriesCollection measured = new XYSeriesCollection(series("energy per inference", DemoSample::energyMj));
        save(png, chart("Energy per inference", "mJ", measured, budget("energy budget", DemoStep::energyMj)));
    }

    /** The operating point: k on one axis, the frequency of each unit on the other. */
    void operatingPoint(Path png) throws IOException {
        XYSeriesCollection groups = new XYSeriesCollection(series("groups k", s -> s.groups()));
        XYSeriesCollection freqs = new XYSeriesCollection();
        samples.stream().map(DemoSample::unit).distinct().sorted().forEach(unit -> {
            XYSeries f = new XYSeries(unit + " frequency (MHz)", true, true);
            for (DemoSample s : samples) {
                if (s.unit().equals(unit)) {
                    f.add(s.timeS(), s.frequencyMhz());
                }
            }
            freqs.addSeries(f);
        });
        JFreeChart chart = chart("Operating point", "groups k", groups, null);
        XYPlot plot = chart.getXYPlot();
        NumberAxis k = (NumberAxis) plot.getRangeAxis();
        k.setRange(0, 4.5);
        k.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        plot.setRangeAxis(1, new NumberAxis("MHz (marks: unit in use)"));
        plot.setDataset(1, freqs);
        plot.mapDatasetToRangeAxis(1, 1);
        XYLineAndShapeRenderer marks = new XYLineAndShapeRenderer(false, true);
        plot.setRenderer(1, marks);
        save(png, chart);
    }

    /** Live accuracy of the demo's images against the model's test accuracy at the k in use. */
    void accuracy(Path png) throws IOException {
        XYSeriesCollection measured = new XYSeriesCollection();
        measured.addSeries(series("live accuracy (this period's images)", DemoSample::liveAccuracy));
        measured.addSeries(series("test accuracy of the k in use", DemoSample::modelAccuracy));
        JFreeChart chart = chart("Top-1 accuracy", "%", measured, null);
        ((NumberAxis) chart.getXYPlot().getRangeAxis()).setRange(50, 100);
        save(png, chart);
    }

    private XYSeries series(String name, ToDoubleFunction<DemoSample> value) {
        XYSeries series = new XYSeries(name, true, true);
        for (DemoSample s : samples) {
            double v = value.applyAsDouble(s);
            series.add(s.timeS(), Double.isNaN(v) ? null : v);
        }
        return series;
    }

    /** The budget as a step line: its value during the steps that hold it, a gap elsewhere. */
    private XYSeries budget(String name, ToDoubleFunction<DemoStep> value) {
        XYSeries series = new XYSeries(name, true, true);
        for (DemoStep step : steps) {
            double v = value.applyAsDouble(step);
            series.add(step.startS(), Double.isNaN(v) ? null : v);
            series.add(step.endS() - 1e-3, Double.isNaN(v) ? null : v);
        }
        return series;
    }

    private JFreeChart chart(String title, String unit, XYSeriesCollection measured, XYSeries budget) {
        XYPlot plot = new XYPlot(measured, new NumberAxis("seconds since the daemon was ready"), new NumberAxis(unit),
                new XYLineAndShapeRenderer(true, true));
        plot.setBackgroundPaint(Color.WHITE);
        plot.getDomainAxis().setRange(0, steps.get(steps.size() - 1).endS());
        ((NumberAxis) plot.getRangeAxis()).setAutoRangeIncludesZero(true);
        if (budget != null) {
            plot.setDataset(1, new XYSeriesCollection(budget));
            XYStepRenderer line = new XYStepRenderer();
            line.setSeriesPaint(0, Color.RED);
            line.setSeriesStroke(0, new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
            plot.setRenderer(1, line);
        }
        for (int i = 0; i < steps.size(); i++) {
            DemoStep step = steps.get(i);
            IntervalMarker band = new IntervalMarker(step.startS(), step.endS(), SHADES[i % 2]);
            band.setLabel(step.name());
            band.setLabelAnchor(RectangleAnchor.TOP);
            band.setLabelTextAnchor(TextAnchor.TOP_CENTER);
            plot.addDomainMarker(band, Layer.BACKGROUND);
        }
        JFreeChart chart = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        return chart;
    }

    private static void save(Path png, JFreeChart chart) throws IOException {
        Pages.savePng(png, chart, WIDTH, HEIGHT);
    }
}
