package org.dynnd.daemon.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.dynnd.daemon.client.DaemonErrorException;
import org.dynnd.daemon.client.DaemonUnavailableException;
import org.dynnd.models.data.DatasetException;
import org.dynnd.models.data.FashionMnist;
import org.dynnd.models.data.ImageSet;

/**
 * The whole demo: the daemon started as a child process on the emulated Odroid XU3 with a
 * generated configuration (its socket, runtime and cache folders in a fresh temporary folder, the
 * co-runner scheduled for the last step), driven by the script, stopped with SIGTERM, and the
 * report written.
 */
public final class Demo {

    /** How long the daemon may take to load the model and listen (a busy machine is slow). */
    static final double STARTUP_TIMEOUT_S = 300;
    /** How long the daemon may take to restore the emulated board and exit after SIGTERM. */
    static final double STOP_TIMEOUT_S = 60;

    /**
     * What to run.
     *
     * @param launcher the distribution's {@code bin/dynnd}
     * @param images the Fashion-MNIST folder with the {@code t10k-*} files
     * @param durationS seconds of the script (the daemon's start-up comes on top)
     * @param out the folder of the report, the generated configuration and the daemon's log
     * @param uid the user the demo runs as, given the right to set budgets
     * @param console where the live table goes
     */
    public record Settings(Path launcher, Path images, double durationS, Path out, int uid, PrintStream console) {}

    /**
     * What came out.
     *
     * @param report the HTML report
     * @param daemonExitCode the daemon's exit code after SIGTERM
     * @param wallS seconds from start to the daemon's exit
     */
    public record Result(Path report, int daemonExitCode, double wallS) {}

    private Demo() {}

    /** Runs the demo. */
    public static Result run(Settings settings) throws IOException, InterruptedException, DatasetException,
            DaemonUnavailableException, DaemonErrorException {
        long start = System.nanoTime();
        List<DemoStep> steps = DemoScript.steps(settings.durationS());
        ImageSet images = new FashionMnist(settings.images()).test();
        Files.createDirectories(settings.out());
        Path runDir = Files.createTempDirectory("dynnd-demo-run-");
        try {
            Path socket = runDir.resolve("dynnd.sock");
            Path config = settings.out().resolve("dynnd.yaml");
            Files.writeString(config, configuration(runDir, socket, settings.uid(), steps));
            settings.console().println("dynnd demo: starting the daemon on the emulated odroid-xu3 (log: "
                    + settings.out().resolve("daemon.log") + ") ...");
            DemoDriver.Outcome outcome;
            int exit;
            double startupS;
            try (DaemonProcess daemon = DaemonProcess.start(settings.launcher(), config, socket,
                    settings.out().resolve("daemon.log"))) {
                daemon.awaitSocket(STARTUP_TIMEOUT_S);
                long ready = System.nanoTime();
                startupS = (ready - start) / 1e9;
                settings.console().printf(java.util.Locale.ROOT, "dynnd demo: the daemon (pid %d) listens after %.1f s%n",
                        daemon.pid(), startupS);
                outcome = new DemoDriver(socket, images, steps, settings.console(), System::nanoTime).run(ready);
                exit = daemon.stop(STOP_TIMEOUT_S);
            }
            double wallS = (System.nanoTime() - start) / 1e9;
            List<StepSummary> summaries = new ArrayList<>();
            for (int i = 0; i < steps.size(); i++) {
                summaries.add(StepSummary.of(i, steps.get(i), outcome.samples()));
            }
            new DemoTable(settings.console(), steps).summary(summaries);
            Path report = DemoReport.write(settings.out(), new DemoReport.Content(outcome.platform(), outcome.model(), steps,
                    outcome.samples(), summaries, outcome.refused(), wallS, startupS, exit));
            return new Result(report, exit, wallS);
        } finally {
            deleteTree(runDir);
        }
    }

    /** The daemon's configuration: everything in {@code runDir}, this user may set budgets, the co-runner scheduled. */
    static String configuration(Path runDir, Path socket, int uid, List<DemoStep> steps) throws IOException {
        Map<String, Object> daemon = new LinkedHashMap<>();
        daemon.put("socket", socket.toString());
        daemon.put("runtime_dir", runDir.toString());
        daemon.put("cache_dir", runDir.resolve("cache").toString());
        List<Map<String, Object>> coRunners = new ArrayList<>();
        for (DemoStep step : steps) {
            if (step.coRunner()) {
                Map<String, Object> c = new LinkedHashMap<>();
                c.put("unit", DemoScript.CO_RUNNER_UNIT);
                c.put("start_s", step.startS());
                c.put("duration_s", step.durationS());
                c.put("slowdown", DemoScript.CO_RUNNER_SLOWDOWN);
                c.put("load", DemoScript.CO_RUNNER_LOAD);
                coRunners.add(c);
            }
        }
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("platform", Map.of("name", "emulated:odroid-xu3"));
        root.put("daemon", daemon);
        root.put("access", Map.of("budget_users", List.of(Integer.toString(uid))));
        // One inference thread: the demo's own client shares this machine's cores with the daemon, and
        // PyTorch's threads slow down sharply when a core is taken from them, which the emulated
        // board would show as a slower board.
        root.put("inference", Map.of("intra_op_threads", 1));
        // Each period's 95th percentile is checked against the budget; a governor aiming at exactly
        // 95 % would miss it in about half the periods, so it is asked for 99 %.
        root.put("governor", Map.of("confidence", DemoScript.CONFIDENCE));
        root.put("emulation", Map.of("co_runner", coRunners));
        return "# Written by `dynnd demo`: the daemon's configuration for this run.\n"
                + new ObjectMapper(new YAMLFactory()).writeValueAsString(root);
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
