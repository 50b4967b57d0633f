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
import org.dynnd.daemon.config.ConfigException;
import org.dynnd.daemon.platform.BoardPreset;
import org.dynnd.daemon.platform.BoardPresets;
import org.dynnd.governor.board.BoardModel;
import org.dynnd.governor.board.Boards;
import org.dynnd.governor.profile.GroupedAlexNetCost;
import org.dynnd.governor.profile.ModelProfile;
import org.dynnd.models.bundle.BundleException;
import org.dynnd.models.data.DataSource;
import org.dynnd.models.data.DatasetException;
import org.dynnd.models.data.ImageSet;
import org.dynnd.models.runtime.DynamicModel;

/**
 * {@code dynnd report}: characterises a model on an emulated board and writes {@code report.json},
 * {@code report.md}, {@code report.html} and the PNG plots they name into one folder.
 */
public final class EvaluationReport {

    /** The prefix of an emulated platform's name. */
    public static final String EMULATED = "emulated:";

    /**
     * What to measure and where to write it.
     *
     * @param platform {@code emulated:BOARD}, BOARD a preset with a board model
     * @param presets the board presets' folder ({@code config/boards})
     * @param model the grouped bundle's folder
     * @param nestedModel the nested-width bundle's folder (may be missing: the report says so)
     * @param scenarios the scenarios' folder ({@code config/scenarios})
     * @param out the report's folder, created when missing
     * @param referenceRuns host inferences per k of the reference (the daemon uses 15)
     * @param samples host inferences per k whose board latencies are taken
     * @param seed the governor simulations' seed
     * @param accuracyData the test data to re-measure the accuracy on (a folder or a {@link DataSource} spec)
     * @param accuracyImages how many of its images to classify per k; 0 keeps the manifest's accuracy alone
     * @param progress where to say what is being measured
     */
    public record Settings(String platform, Path presets, Path model, Path nestedModel, Path scenarios, Path out,
            int referenceRuns, int samples, long seed, String accuracyData, int accuracyImages, PrintStream progress) {}

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
        BoardPreset preset = preset(s.platform(), s.presets());
        PrintStream progress = s.progress();
        ImageSet test = s.accuracyImages() > 0
                ? DataSource.parse(s.accuracyData(), DataSource.SYSTEM_FASHION_MNIST).test() : null;
        ReportContent content;
        try (DynamicModel model = DynamicModel.open(s.model())) {
            int groups = model.groups();
            double[] accuracy = new double[groups];
            for (int k = 1; k <= groups; k++) {
                accuracy[k - 1] = model.accuracy(k);
            }
            // The profile the daemon builds for this bundle (DaemonAssembly): the architecture's cost per k.
            ModelProfile profile = new GroupedAlexNetCost(groups).profile(model.manifest().architecture(),
                    model.manifest().parametersSha256().substring(0, 12), accuracy);
            BoardModel board = Boards.byName(preset.boardModel(), groups);
            Characterisation ch = Characterisation.measure(model, board, profile, s.referenceRuns(), s.samples(), progress);
            List<DynamicRanges.Range> ranges = DynamicRanges.of(ch.points());
            Optional<AccuracyCheck> check = test == null ? Optional.empty()
                    : Optional.of(AccuracyCheck.measure(model, test, s.accuracyImages(), progress));
            NestedComparison nested = NestedComparison.measure(s.nestedModel(), model, profile.relativeCost(), board,
                    ch.space(), s.samples(), progress);
            if (!nested.present()) {
                progress.println("nested: " + nested.absent());
            }
            GovernorSection governor = GovernorSection.run(preset.boardModel(), s.scenarios(), s.seed(), progress);
            String host = Runtime.getRuntime().availableProcessors() + " CPUs, " + System.getProperty("os.arch");
            content = new ReportContent(s.platform(), board.name(), host, s.model(), model.manifest(),
                    MemoryFootprint.of(model.manifest()), check, ch, ranges, DynamicRanges.of(ch.modelPoints()), governor, nested, (System.nanoTime() - start) / 1e9);
        }
        write(s.out(), content);
        progress.printf(Locale.ROOT, "report: %s (%.0f s)%n", s.out().resolve("report.html"),
                (System.nanoTime() - start) / 1e9);
        return content;
    }

    /** The preset of {@code platform}, which must be an emulated board with a board model. */
    static BoardPreset preset(String platform, Path presetsFolder) throws ConfigException {
        BoardPresets presets = BoardPresets.load(presetsFolder);
        List<String> allowed = presets.all().stream().filter(p -> !p.boardModel().isEmpty())
                .map(p -> EMULATED + p.name()).toList();
        if (!platform.startsWith(EMULATED)) {
            throw new ConfigException("--platform: '" + platform + "': the report sets frequencies and mappings it"
                    + " measures, which this version does on emulated boards only; allowed: " + String.join(", ", allowed));
        }
        String name = platform.substring(EMULATED.length());
        BoardPreset preset = presets.byName(name).orElse(null);
        if (preset == null || preset.boardModel().isEmpty()) {
            throw new ConfigException("--platform: '" + platform + "' is not a board with a board model in " + presetsFolder
                    + "; allowed: " + String.join(", ", allowed));
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
