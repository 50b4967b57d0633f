package org.dynnd.daemon.tools;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.dynnd.daemon.cli.DynndTool;
import org.dynnd.daemon.cli.UserErrorException;
import org.dynnd.daemon.config.ConfigException;
import org.dynnd.daemon.report.EvaluationReport;
import org.dynnd.models.bundle.BundleException;
import org.dynnd.models.data.DatasetException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code dynnd report}: the trade-off space of the model on a board (accuracy, latency, energy
 * and power of every operating point, Pareto fronts, dynamic ranges), the governor against the
 * baselines, and the nested-width comparison, as report.html with plots, report.md and report.json.
 */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Measure the model's operating points on a board; write an evaluation report.",
            "The board is emulated, or the real one this runs on. The report is report.html",
            "(with PNG plots), report.md and report.json: accuracy and memory, latency and",
            "energy per unit, the OP space with its Pareto front, dynamic ranges against the",
            "paper's, the governor against the baselines, and the nested-width comparison.",
            "One to a few minutes; progress on standard error.",
            "On a real board the daemon's calibration sets every unit's frequencies, pins",
            "inference to the unit and reads the power sensors: it needs root and a readable",
            "power sensor. The board's settings are put back afterwards, also on Ctrl-C."})
public final class ReportCommand implements Callable<Integer>, DynndTool {

    @Option(names = "--platform", defaultValue = "emulated:odroid-xu3", paramLabel = "NAME|emulated:BOARD",
            description = "The board: emulated:odroid-xu3 or emulated:jetson-nano (emulated on this host), or the"
                    + " real board this runs on: odroid-xu3, jetson-nano, jetson-orin, generic, or auto (detected from"
                    + " --sysfs-root) (default: ${DEFAULT-VALUE}).")
    String platform;

    @Option(names = "--sysfs-root", paramLabel = "DIR", defaultValue = "/",
            description = "Where a real board's /sys is found (default: ${DEFAULT-VALUE}); not used when emulated.")
    Path sysfsRoot;

    @Mixin
    BundleOption model;

    @Option(names = "--nested-model", paramLabel = "DIR",
            description = "The nested-width bundle to compare with (default: MODEL-nested beside the model; when"
                    + " missing the report says so).")
    Path nestedModel;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "dynnd-report",
            description = "The report's folder, created when missing (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--samples", paramLabel = "N", defaultValue = "60",
            description = "Host inferences per k whose board latencies are taken; on a real board a quarter of them"
                    + " (at least 3) are also the calibration's inferences per latency point (default: ${DEFAULT-VALUE}).")
    int samples;

    @Option(names = "--accuracy-images", paramLabel = "N", defaultValue = "0",
            description = "Also re-measure the accuracy per k on the first N test images, one at a time"
                    + " through the served model (default: ${DEFAULT-VALUE}: the manifest's accuracy alone, measured on"
                    + " the whole test set at training).")
    int accuracyImages;

    @Option(names = "--accuracy-data", paramLabel = "DATA",
            description = "Test data for --accuracy-images: fashion-mnist:DIR, cifar10:DIR or DIR (default: the"
                    + " distribution's data/fashion-mnist).")
    String accuracyData;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1",
            description = "Seed of the governor simulations (default: ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public Integer call() throws Exception {
        String home = System.getProperty("dynnd.home");
        if (home == null) {
            throw new UserErrorException("dynnd.home is not set: run the report with the distribution's bin/dynnd (or ./dynnd)");
        }
        if (samples < 1 || samples > 100_000) {
            throw new UserErrorException("--samples: " + samples + " is out of range; allowed: 1 to 100000");
        }
        if (accuracyImages < 0 || accuracyImages > 1_000_000) {
            throw new UserErrorException("--accuracy-images: " + accuracyImages + " is out of range; allowed: 0 to 1000000");
        }
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new UserErrorException("--out: " + out + " is a file; allowed: a folder (created when missing)");
        }
        Path bundle = model.folder();
        Path nested = nestedModel != null ? nestedModel
                : bundle.toAbsolutePath().resolveSibling(bundle.toAbsolutePath().getFileName() + "-nested");
        // The plots are drawn off screen, also where a display is set.
        System.setProperty("java.awt.headless", "true");
        EvaluationReport.Settings settings = new EvaluationReport.Settings(platform, Path.of(home, "config", "boards"), sysfsRoot,
                bundle, nested, Path.of(home, "config", "scenarios"), out, 15, samples, seed,
                accuracyData != null ? accuracyData : "fashion-mnist:" + Path.of(home, "data", "fashion-mnist"), accuracyImages,
                System.err);
        try {
            EvaluationReport.run(settings);
        } catch (ConfigException | BundleException | DatasetException e) {
            throw new UserErrorException(e.getMessage(), e);
        }
        System.out.println("report: " + out.resolve("report.html"));
        return 0;
    }
}
