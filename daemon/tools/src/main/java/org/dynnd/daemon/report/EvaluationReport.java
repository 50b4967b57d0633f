package org.dynnd.daemon.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.dynnd.daemon.config.ConfigException;
import org.dynnd.daemon.control.ModelProfiles;
import org.dynnd.daemon.platform.BoardPreset;
import org.dynnd.daemon.platform.BoardPresets;
import org.dynnd.governor.board.BoardModel;
import org.dynnd.governor.board.Boards;
import org.dynnd.governor.profile.ModelProfile;
import org.dynnd.models.bundle.BundleException;
import org.dynnd.models.data.DataSource;
import org.dynnd.models.data.DatasetException;
import org.dynnd.models.data.ImageSet;
import org.dynnd.models.runtime.DynamicModel;

/**
 * {@code dynnd report}: characterises a model on an emulated board ({@link Characterisation}) or on
 * the real board it runs on ({@link BoardCharacterisation}) and writes {@code report.json},
 * {@code report.md}, {@code report.html} and the PNG plots they name into one folder.
 */
public final class EvaluationReport {

    /** The prefix of an emulated platform's name. */
    public static final String EMULATED = "emulated:";

    /**
     * What to measure and where to write it.
     *
     * @param platform {@code emulated:BOARD}, BOARD a preset with a board model; or a real board: a
     *     preset's name or {@code auto} (detected from {@code sysfsRoot})
     * @param presets the board presets' folder ({@code config/boards})
     * @param sysfsRoot where a real board's sysfs is ({@code /}); unused for an emulated board
     * @param model the grouped bundle's folder
     * @param nestedModel the nested-width bundle's folder (may be missing: the report says so)
     * @param scenarios the scenarios' folder ({@code config/scenarios})
     * @param out the report's folder, created when missing
     * @param referenceRuns host inferences per k of the reference (the daemon uses 15)
     * @param samples host inferences per k whose board latencies are taken; on a real board also
     *     the calibration's inferences per latency point (a quarter of them, at least 3)
     * @param seed the governor simulations' seed
     * @param accuracyData the test data to re-measure the accuracy on (a folder or a {@link DataSource} spec)
     * @param accuracyImages how many of its images to classify per k; 0 keeps the manifest's accuracy alone
     * @param progress where to say what is being measured
     * @param nanoClock the monotonic clock a real board is measured on: its sensors' readings are
     *     stamped with it and its calibration times its windows with it
     */
    public record Settings(String platform, Path presets, Path sysfsRoot, Path model, Path nestedModel, Path scenarios, Path out,
            int referenceRuns, int samples, long seed, String accuracyData, int accuracyImages, PrintStream progress,
            LongSupplier nanoClock) {

        /** The settings on the system's monotonic clock ({@link System#nanoTime}). */
        public Settings(String platform, Path presets, Path sysfsRoot, Path model, Path nestedModel, Path scenarios, Path out,
                int referenceRuns, int samples, long seed, String accuracyData, int accuracyImages, PrintStream progress) {
            this(platform, presets, sysfsRoot, model, nestedModel, scenarios, out, referenceRuns, samples, seed, accuracyData,
                    accuracyImages, progress, System::nanoTime);
        }
    }

    private EvaluationReport() {}

    /**
     * Measures, simulates and writes the report; returns what it shows.
     *
     * @throws ConfigException when the platform, a preset or a scenario is not usable (the message says what is allowed)
     * @throws BundleException when the grouped bundle cannot be opened
     * @throws DatasetException when the accuracy is to be re-measured and the test data cannot be read
     */
    public static ReportContent run(Settings s) throws ConfigException, BundleException, DatasetException, IOException {
        long start = System.nanoTime();
        boolean emulated = s.platform().startsWith(EMULATED);
        BoardPreset preset = emulated ? preset(s.platform(), s.presets()) : null;
        PrintStream progress = s.progress();
        ImageSet test = s.accuracyImages() > 0
                ? DataSource.parse(s.accuracyData(), DataSource.SYSTEM_FASHION_MNIST).test() : null;
        ReportContent content;
        try (DynamicModel model = DynamicModel.open(s.model())) {
            // The profile the daemon builds for this bundle: the manifest's cost per k.
            ModelProfile profile = ModelProfiles.of(model);
            String platform;
            BoardModel board;
            Characterisation ch;
            if (emulated) {
                platform = s.platform();
                board = Boards.forModel(preset.boardModel(), ModelProfiles.fullMacs(model));
                ch = Characterisation.measure(model, board, profile, s.referenceRuns(), s.samples(), progress);
            } else {
                BoardCharacterisation measured = BoardCharacterisation.measure(s, model, profile,
                        Math.max(3, s.samples() / 4));
                platform = measured.board();
                board = measured.boardModel();
                ch = measured.characterisation();
            }
            List<DynamicRanges.Range> ranges = DynamicRanges.of(ch.points());
            Optional<AccuracyCheck> check = test == null ? Optional.empty()
                    : Optional.of(AccuracyCheck.measure(model, test, s.accuracyImages(), progress));
            NestedComparison nested = board != null
                    ? NestedComparison.measure(s.nestedModel(), model, profile.relativeCost(), board, ch.space(),
                            s.samples(), progress)
                    : NestedComparison.absent(s.nestedModel(), "board " + platform + " has no board model to put the"
                            + " nested network's host-measured cost through; compare on an emulated board");
            if (!nested.present()) {
                progress.println("nested: " + nested.absent());
            }
            Optional<GovernorSection> governor = board == null ? Optional.empty()
                    : Optional.of(GovernorSection.run(emulated ? preset.boardModel() : board.name(), s.scenarios(),
                            s.seed(), progress));
            String host = Runtime.getRuntime().availableProcessors() + " CPUs, " + System.getProperty("os.arch");
            content = new ReportContent(platform, !emulated, board == null ? "" : board.name(), host, s.model(),
                    model.manifest(), MemoryFootprint.of(model.manifest()), check, ch, ranges,
                    DynamicRanges.of(ch.modelPoints()), governor, nested, (System.nanoTime() - start) / 1e9);
        }
        write(s.out(), content);
        progress.printf(Locale.ROOT, "report: %s (%.0f s)%n", s.out().resolve("report.html"),
                (System.nanoTime() - start) / 1e9);
        return content;
    }

    /** The preset of {@code platform}, an emulated board: it must have a board model. */
    static BoardPreset preset(String platform, Path presetsFolder) throws ConfigException {
        BoardPresets presets = BoardPresets.load(presetsFolder);
        List<String> allowed = presets.all().stream().filter(p -> !p.boardModel().isEmpty())
                .map(p -> EMULATED + p.name()).toList();
        String name = platform.substring(EMULATED.length());
        BoardPreset preset = presets.byName(name).orElse(null);
        if (preset == null || preset.boardModel().isEmpty()) {
            throw new ConfigException("--platform: '" + platform + "' is not a board with a board model in " + presetsFolder
                    + "; allowed: " + String.join(", ", allowed) + ", or the real board this runs on: auto, "
                    + String.join(", ", presets.all().stream().map(BoardPreset::name).toList()));
        }
        return preset;
    }

    /** Writes report.json, report.md, report.html and the plots into {@code folder}. */
    static void write(Path folder, ReportContent content) throws IOException {
        Files.createDirectories(folder);
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        mapper.writeValue(folder.resolve("report.json").toFile(), ReportJson.of(mapper, content));
        String title = "dynnd evaluation: " + content.platform();
        List<Block> blocks = ReportTables.blocks(content);
        Files.writeString(folder.resolve("report.md"), ReportRender.markdown(title, blocks));
        Files.writeString(folder.resolve("report.html"), ReportRender.html(title, blocks, ReportCharts.WIDTH));
        new ReportCharts(content).writeAll(folder);
    }
}
