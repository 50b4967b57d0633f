package org.dynnd.daemon.tools;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.dynnd.daemon.cli.CommandException;
import org.dynnd.daemon.cli.DynndTool;
import org.dynnd.daemon.cli.UserErrorException;
import org.dynnd.daemon.client.DaemonErrorException;
import org.dynnd.daemon.client.RuntimePaths;
import org.dynnd.daemon.demo.Demo;
import org.dynnd.daemon.demo.DemoScript;
import org.dynnd.models.data.DatasetException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code dynnd demo}: the daemon on an emulated Odroid XU3, driven by a scripted client through
 * budget steps with real test images, a live table, and a report with plots at the end.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Drive the daemon on an emulated Odroid XU3 through budget steps; report on it.",
            "The steps: none, a loose and a tight latency, a power cap, an energy budget, and",
            "a co-runner on the big cluster, while Fashion-MNIST test images are classified.",
            "Prints a row per control period and a summary per step, and writes report.html",
            "(with plots) and report.json. About a minute; no root needed."})
public final class DemoCommand implements Callable<Integer>, DynndTool {

    @Option(names = "--duration-s", paramLabel = "N", defaultValue = "48",
            description = "Seconds of the scripted steps, at least " + DemoScript.MIN_DURATION_S
                    + "; the daemon's start-up comes on top (default: ${DEFAULT-VALUE}).")
    double durationS;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Folder of the report, the generated configuration and the daemon's log (default: a new temporary folder).")
    Path out;

    @Override
    public Integer call() throws Exception {
        if (!(durationS >= DemoScript.MIN_DURATION_S) || durationS > 86_400) {
            throw new UserErrorException("--duration-s: " + durationS + " is out of range; allowed: " + DemoScript.MIN_DURATION_S
                    + " to 86400 seconds");
        }
        String home = System.getProperty("dynnd.home");
        if (home == null) {
            throw new UserErrorException("dynnd.home is not set: run the demo with the distribution's bin/dynnd (or ./dynnd)");
        }
        Path launcher = Path.of(home, "bin", "dynnd");
        Path images = Path.of(home, "data", "fashion-mnist");
        if (!Files.isRegularFile(images.resolve("t10k-images-idx3-ubyte.gz"))) {
            throw new UserErrorException(images + ": no Fashion-MNIST test images (t10k-images-idx3-ubyte.gz); the"
                    + " distribution ships them from models/data/fashion-mnist");
        }
        if (out != null && Files.exists(out) && !Files.isDirectory(out)) {
            throw new UserErrorException("--out: " + out + " is a file; allowed: a folder (created when missing)");
        }
        Path folder = out != null ? out.toAbsolutePath() : Files.createTempDirectory("dynnd-demo-");
        // The plots are drawn off screen, also where a display is set.
        System.setProperty("java.awt.headless", "true");
        Demo.Result result;
        try {
            result = Demo.run(new Demo.Settings(launcher, images, durationS, folder, RuntimePaths.currentUid(), System.out));
        } catch (DatasetException e) {
            throw new UserErrorException(images + ": " + e.getMessage());
        } catch (IOException e) {
            // The daemon did not start or died: one line that points at its log, not a stack trace.
            throw new CommandException(1, e.getMessage(), e);
        } catch (DaemonErrorException e) {
            throw new CommandException(1, "the daemon refused the demo's request: " + e.code() + ": " + e.getMessage()
                    + "; its log: " + folder.resolve("daemon.log"), e);
        }
        System.out.printf(java.util.Locale.ROOT, "dynnd demo: done in %.1f s; the daemon exited with code %d after SIGTERM%n",
                result.wallS(), result.daemonExitCode());
        System.out.println("report: " + result.report());
        if (result.daemonExitCode() != 0) {
            System.err.println("dynnd demo: the daemon exited with code " + result.daemonExitCode() + " (expected 0); see "
                    + folder.resolve("daemon.log"));
            return 1;
        }
        return 0;
    }
}
