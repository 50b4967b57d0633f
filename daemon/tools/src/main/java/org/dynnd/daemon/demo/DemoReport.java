package org.dynnd.daemon.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.dynnd.daemon.pages.Pages;

/**
 * The demo's report: {@code report.json} (every period's telemetry as the demo received it, the
 * steps and their summaries) and {@code report.html} with PNG plots beside it.
 */
public final class DemoReport {

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /**
     * What the report shows.
     *
     * @param platform the platform the daemon reported
     * @param model the model the daemon reported
     * @param steps the script
     * @param samples every period's telemetry
     * @param summaries one per step
     * @param refusedImages image requests the daemon refused (busy, stopping)
     * @param wallS seconds from the demo's start to the daemon's exit
     * @param startupS seconds the daemon took to listen on its socket
     * @param daemonExitCode the daemon's exit code after SIGTERM
     */
    record Content(String platform, String model, List<DemoStep> steps, List<DemoSample> samples, List<StepSummary> summaries,
            long refusedImages, double wallS, double startupS, int daemonExitCode) {}

    private DemoReport() {}

    /** Writes the report into {@code folder} and returns the path of {@code report.html}. */
    static Path write(Path folder, Content content) throws IOException {
        Files.createDirectories(folder);
        MAPPER.writeValue(folder.resolve("report.json").toFile(), json(content));
        DemoCharts charts = new DemoCharts(content.steps(), content.samples());
        charts.latency(folder.resolve("latency.png"));
        charts.power(folder.resolve("power.png"));
        charts.energy(folder.resolve("energy.png"));
        charts.operatingPoint(folder.resolve("operating-point.png"));
        charts.accuracy(folder.resolve("accuracy.png"));
        Path html = folder.resolve("report.html");
        Files.writeString(html, DemoHtml.page(content));
        return html;
    }

    static ObjectNode json(Content c) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("platform", c.platform());
        root.put("model", c.model());
        root.put("wall_s", c.wallS());
        root.put("daemon_startup_s", c.startupS());
        root.put("daemon_exit_code", c.daemonExitCode());
        root.put("refused_images", c.refusedImages());
        root.put("settling_periods", StepSummary.SETTLING_PERIODS);
        root.put("criterion", "a period meets its step's budget when its p95 latency, its board power and its energy per"
                + " inference are all within the step's constraints; met_share counts the step's periods after the first "
                + StepSummary.SETTLING_PERIODS);
        ArrayNode steps = root.putArray("steps");
        for (int i = 0; i < c.steps().size(); i++) {
            DemoStep step = c.steps().get(i);
            StepSummary sum = c.summaries().get(i);
            ObjectNode s = steps.addObject();
            s.put("index", i);
            s.put("name", step.name());
            s.put("start_s", step.startS());
            s.put("end_s", step.endS());
            number(s, "latency_ms", step.latencyMs());
            number(s, "power_w", step.powerW());
            number(s, "energy_mj", step.energyMj());
            s.put("co_runner", step.coRunner());
            ObjectNode summary = s.putObject("summary");
            summary.put("periods", sum.periods());
            summary.put("settled_periods", sum.settledPeriods());
            summary.put("met_periods", sum.metPeriods());
            number(summary, "met_share", sum.metShare());
            number(summary, "median_p95_ms", sum.medianP95Ms());
            number(summary, "median_power_w", sum.medianPowerW());
            number(summary, "median_energy_mj", sum.medianEnergyMj());
            number(summary, "live_accuracy", sum.liveAccuracy());
        }
        ArrayNode samples = root.putArray("samples");
        for (DemoSample d : c.samples()) {
            ObjectNode s = samples.addObject();
            s.put("time_s", d.timeS());
            s.put("step", d.step());
            s.put("groups", d.groups());
            s.put("unit", d.unit());
            s.put("frequency_mhz", d.frequencyMhz());
            s.put("inferences", d.inferences());
            number(s, "latency_p50_ms", d.latencyP50Ms());
            number(s, "latency_p95_ms", d.latencyP95Ms());
            number(s, "power_w", d.powerW());
            number(s, "energy_per_inference_mj", d.energyMj());
            number(s, "model_accuracy", d.modelAccuracy());
            s.put("images_answered", d.answered());
            s.put("images_correct", d.correct());
            if (d.metByDaemon() == null) {
                s.putNull("met_by_daemon");
            } else {
                s.put("met_by_daemon", d.metByDaemon());
            }
        }
        return root;
    }

    /** JSON has no NaN: an unknown number is null. */
    private static void number(ObjectNode node, String key, double value) {
        Pages.number(node, key, value);
    }

    static String percent(double share) {
        return Double.isNaN(share) ? "-" : String.format(Locale.ROOT, "%.0f %%", 100 * share);
    }
}
