package org.dynnd.daemon.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.dynnd.daemon.board.EmulatedBoardTree;
import org.dynnd.governor.board.BoardModel;
import org.dynnd.governor.board.Boards;
import org.dynnd.governor.op.OpSpace;
import org.dynnd.governor.op.OperatingPoint;
import org.dynnd.governor.profile.GroupedAlexNetCost;
import org.dynnd.governor.profile.ModelProfile;
import org.dynnd.models.bundle.Manifest;
import org.dynnd.models.bundle.ModelBundle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dynnd report --platform jetson-nano} on the Nano's sysfs tree (the emulated board's
 * files, treated as the real board's): the measured points come with the board model's next to
 * them, and the governor is simulated on that model.
 */
class ModelledBoardReportTest {

    private static final Path MODEL = Path.of("../../models/zoo/alexnet-g4-fmnist");

    @Test
    void theBoardModelStandsNextToTheMeasurementAndTheGovernorIsSimulatedOnIt(@TempDir Path dir) throws Exception {
        Path scenarios = Files.createDirectories(dir.resolve("scenarios"));
        Files.writeString(scenarios.resolve("short-cap.yaml"), EvaluationReportTest.SCENARIO);
        Path out = dir.resolve("out");
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        Map<String, String> before;
        Map<String, String> after;
        try (EmulatedBoardTree tree = EmulatedBoardTree.start("jetson-nano", Path.of("../../config/boards"), dir, 4)) {
            before = cpufreq(tree.root());
            EvaluationReport.run(new EvaluationReport.Settings("jetson-nano", Path.of("../../config/boards"), tree.root(),
                    MODEL, dir.resolve("no-nested"), scenarios, out, 2, 4, 1, "", 0,
                    new PrintStream(log, true, StandardCharsets.UTF_8)));
            after = cpufreq(tree.root());
        }
        assertThat(after).isEqualTo(before);
        JsonNode json = new ObjectMapper().readTree(out.resolve("report.json").toFile());
        assertThat(json.get("platform").asText()).isEqualTo("jetson-nano");
        assertThat(json.get("measured_on_board").asBoolean()).isTrue();
        assertThat(json.get("board_model").asText()).isEqualTo("jetson-nano");
        assertThat(json.get("governor").get("board_model").asText()).isEqualTo("jetson-nano");
        assertThat(json.get("sources").toString()).contains("From the board model of jetson-nano, shown next to the measurement");

        // The GPU is left out (PyTorch runs on the CPU here): the CPU cluster's points, model and measured.
        Manifest manifest = ModelBundle.manifest(MODEL);
        double[] accuracy = new double[4];
        for (int k = 1; k <= 4; k++) {
            accuracy[k - 1] = manifest.accuracy(k);
        }
        ModelProfile profile = new GroupedAlexNetCost(4).profile(manifest.architecture(),
                manifest.parametersSha256().substring(0, 12), accuracy);
        BoardModel full = Boards.byName("jetson-nano", 4);
        BoardModel cpu = new BoardModel(full.name(), full.units().stream().filter(u -> u.unit().name().equals("a57")).toList(),
                full.basePowerW(), full.fullModelMacs());
        OpSpace space = cpu.opSpace(profile.ks());
        JsonNode measured = json.get("operating_points");
        JsonNode model = json.get("board_model_operating_points");
        assertThat(measured).hasSize(space.size());
        assertThat(model).hasSize(space.size());
        for (int i = 0; i < space.size(); i++) {
            OperatingPoint op = space.point(i);
            assertThat(measured.get(i).get("unit").asText()).isEqualTo("a57");
            assertThat(measured.get(i).get("frequency_khz").asLong()).isEqualTo(op.frequencyKHz());
            assertThat(model.get(i).get("latency_ms").asDouble()).isEqualTo(cpu.latencyMs(op, profile.costOf(op.k())));
            assertThat(model.get(i).get("power_w").asDouble()).isEqualTo(cpu.busyPowerW(op));
            // Measured: the emulated INA3221 rails read the model's power, above the board's base.
            double power = measured.get(i).get("power_w").asDouble();
            assertThat(power).isGreaterThan(cpu.basePowerW());
            assertThat(measured.get(i).get("energy_mj").asDouble())
                    .isCloseTo(power * measured.get(i).get("latency_ms").asDouble(), within(1e-9));
        }
    }

    private static Map<String, String> cpufreq(Path root) throws Exception {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root.resolve("sys/devices/system/cpu/cpufreq"))) {
            for (Path f : walk.filter(Files::isRegularFile).toList()) {
                if (!f.getFileName().toString().endsWith("cur_freq")) {
                    files.put(root.relativize(f).toString(), Files.readString(f));
                }
            }
        }
        return files;
    }
}
