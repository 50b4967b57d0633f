package org.dynnd.daemon.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ConfigLoaderTest {

    private static final Path SHIPPED = Path.of("../..", "config", "dynnd.yaml");

    private final ConfigLoader loader = new ConfigLoader();

    @Test
    void theShippedFileHoldsExactlyTheDefaults() throws Exception {
        assertThat(loader.load(SHIPPED)).isEqualTo(DynndConfig.defaults());
    }

    @Test
    void theShippedFileDocumentsEveryKey() throws Exception {
        YamlLocations keys = YamlLocations.scan(new YAMLFactory(), Files.readString(SHIPPED));
        List<String> missing = new ArrayList<>();
        for (var section : DynndConfig.class.getRecordComponents()) {
            for (var key : section.getType().getRecordComponents()) {
                String path = snake(section.getName()) + "." + snake(key.getName());
                if (keys.of(path).isEmpty()) {
                    missing.add(path);
                }
            }
        }
        assertThat(missing).isEmpty();
    }

    @Test
    void anEmptyDocumentMeansEveryDefault() throws Exception {
        assertThat(loader.parse("# nothing set\n", "t.yaml")).isEqualTo(DynndConfig.defaults());
    }

    @Test
    void readsEveryKindOfValue() throws Exception {
        DynndConfig config = loader.parse("""
                platform:
                  name: emulated:jetson-nano
                  sysfs_root: /tmp/board
                daemon:
                  socket: /tmp/d.sock
                  log_level: debug
                model:
                  bundle: /opt/models/alexnet
                inference:
                  queue_capacity: 8
                  max_image_pixels: 65536
                sensors:
                  period_ms: 50
                  total_rail: POM_5V_IN
                  unit_rails:
                    cpu: [POM_5V_CPU]
                    gpu: [POM_5V_GPU]
                governor:
                  period_ms: 250
                  objective: min-energy
                  confidence: 0.99
                  precedence: [latency, power, accuracy, energy]
                access:
                  budget_users: [alice, "1000"]
                  read_ops: [hello, status]
                telemetry:
                  prometheus_file: /var/lib/node/dynnd.prom
                """, "t.yaml");
        assertThat(config.platform().name()).isEqualTo("emulated:jetson-nano");
        assertThat(config.platform().emulated()).isTrue();
        assertThat(config.platform().sysfsRoot()).isEqualTo("/tmp/board");
        assertThat(config.daemon().socketPath(false, Map.of())).isEqualTo(Path.of("/tmp/d.sock"));
        assertThat(config.daemon().logLevel()).isEqualTo("debug");
        assertThat(config.model().shipped()).isFalse();
        assertThat(config.inference().queueCapacity()).isEqualTo(8);
        assertThat(config.inference().maxImagePixels()).isEqualTo(65536);
        assertThat(config.inference().intraOpThreads()).isZero();
        assertThat(config.sensors().unitRails()).containsEntry("gpu", List.of("POM_5V_GPU")).hasSize(2);
        assertThat(config.governor().precedence()).containsExactly("latency", "power", "accuracy", "energy");
        assertThat(config.governor().confidence()).isEqualTo(0.99);
        assertThat(config.governor().hysteresis()).isEqualTo(0.05);
        assertThat(config.access().budgetUsers()).containsExactly("alice", "1000");
        assertThat(config.access().budgetGroups()).containsExactly("dynnd");
        assertThat(config.telemetry().prometheusFile()).isEqualTo("/var/lib/node/dynnd.prom");
    }

    @Test
    void readsScheduledCoRunnersWithTheirDefaults() throws Exception {
        DynndConfig config = loader.parse("""
                emulation:
                  co_runner:
                    - unit: a15
                      start_s: 20
                      duration_s: 15
                      slowdown: 1.8
                    - {unit: a15, start_s: 35, duration_s: 5, load: 0.25}
                """, "t.yaml");
        assertThat(config.emulation().coRunner()).containsExactly(
                new CoRunnerConfig("a15", 20.0, 15.0, 1.8, 1.0),
                new CoRunnerConfig("a15", 35.0, 5.0, 1.0, 0.25));
        assertThat(config.emulation().coRunner().get(0).endS()).isEqualTo(35.0);
    }

    @Test
    void theSocketFollowsTheUserWhenAuto() {
        DaemonConfig daemon = DaemonConfig.defaults();
        assertThat(daemon.socketPath(true, Map.of())).isEqualTo(Path.of("/run/dynnd/dynnd.sock"));
        assertThat(daemon.socketPath(false, Map.of("XDG_RUNTIME_DIR", "/run/user/1000")))
                .isEqualTo(Path.of("/run/user/1000/dynnd.sock"));
        assertThat(daemon.socketPath(true, Map.of("RUNTIME_DIRECTORY", "/run/dynnd2")))
                .isEqualTo(Path.of("/run/dynnd2/dynnd.sock"));
    }

    static Stream<Arguments> badDocuments() {
        return Stream.of(
                Arguments.of("unknown section", "governer:\n  period_ms: 100\n",
                        "t.yaml:1:1: governer: unknown key 'governer'; allowed here: access, daemon, emulation, governor, inference, model, platform, sensors, telemetry"),
                Arguments.of("unknown key", "governor:\n  perod_ms: 100\n",
                        "t.yaml:2:3: governor.perod_ms: unknown key 'perod_ms'; allowed here: calibration, confidence, hysteresis, objective, period_ms, precedence"),
                Arguments.of("out of range", "governor:\n  period_ms: 5\n",
                        "t.yaml:2:3: governor.period_ms: 5 is out of range; allowed: an integer from 10 to 60000"),
                Arguments.of("wrong type", "governor:\n  period_ms: fast\n",
                        "t.yaml:2:3: governor.period_ms: 'fast' is not an integer"),
                Arguments.of("image limit below one 28x28 image", "inference:\n  max_image_pixels: 100\n",
                        "t.yaml:2:3: inference.max_image_pixels: 100 is out of range; allowed: an integer from 784 to 16777216"),
                Arguments.of("fraction for an integer", "inference:\n  queue_capacity: 2.5\n",
                        "t.yaml:2:3: inference.queue_capacity: '2.5' is not an integer"),
                Arguments.of("not a choice", "governor:\n  objective: fastest\n",
                        "t.yaml:2:3: governor.objective: 'fastest' is not allowed; allowed: max-accuracy, min-energy"),
                Arguments.of("incomplete order", "governor:\n  precedence: [power, latency]\n",
                        "t.yaml:2:3: governor.precedence: [power, latency] leaves out some constraints; allowed: an order of all of power, latency, energy, accuracy"),
                Arguments.of("repeated item", "governor:\n  precedence: [power, power, energy, accuracy]\n",
                        "t.yaml:2:3: governor.precedence: 'power' is listed twice; allowed: each at most once"),
                Arguments.of("NaN", "governor:\n  confidence: .nan\n",
                        "t.yaml:2:19: governor.confidence: YAML syntax error: Malformed numeric value '.nan'"),
                Arguments.of("relative path", "daemon:\n  socket: dynnd.sock\n",
                        "t.yaml:2:3: daemon.socket: 'dynnd.sock' is not an absolute path; allowed: an absolute path or 'auto'"),
                Arguments.of("unknown board", "platform:\n  name: emulated:raspberry\n",
                        "t.yaml:2:3: platform.name: 'emulated:raspberry' is not allowed; allowed: auto, odroid-xu3, jetson-nano, jetson-orin, generic, emulated:odroid-xu3, emulated:jetson-nano"),
                Arguments.of("unknown operation", "access:\n  read_ops: [status, budget]\n",
                        "t.yaml:2:3: access.read_ops: 'budget' is not allowed; allowed: hello, status, subscribe, unsubscribe, infer"),
                Arguments.of("a key without a value", "governor:\n  period_ms:\n",
                        "t.yaml:2:3: governor.period_ms: has no value; allowed: a value, or leave the key out for its default"),
                Arguments.of("a section that is not a mapping", "governor: 5\n",
                        "t.yaml:1:1: governor: '5' is not a mapping of keys to values"),
                Arguments.of("a list instead of a mapping", "- platform\n- daemon\n",
                        "t.yaml:1:1: the file must be a mapping of keys to values; allowed keys: access, daemon, emulation, governor, inference, model, platform, sensors, telemetry"),
                Arguments.of("a unit without rails", "sensors:\n  unit_rails:\n    big: []\n",
                        "t.yaml:2:3: sensors.unit_rails: unit 'big' has no rails; allowed: a list of one or more rail names"),
                Arguments.of("a co-runner that speeds up", "emulation:\n  co_runner:\n    - {unit: a15, start_s: 1, duration_s: 2, slowdown: 0.5}\n",
                        "t.yaml:3:46: emulation.co_runner.0.slowdown: 0.5 is out of range; allowed: a number from 1.0 to 100.0"),
                Arguments.of("a co-runner without a start", "emulation:\n  co_runner:\n    - {unit: a15, duration_s: 2}\n",
                        "t.yaml:3:32: emulation.co_runner.0.start_s: is missing; allowed: a number of seconds"),
                Arguments.of("a co-runner of no duration", "emulation:\n  co_runner:\n    - {unit: a7, start_s: 1, duration_s: 0}\n",
                        "t.yaml:3:30: emulation.co_runner.0.duration_s: 0.0 is out of range; allowed: a number above 0.0 up to 86400.0"),
                Arguments.of("a co-runner load above 1", "emulation:\n  co_runner:\n    - {unit: a7, start_s: 1, duration_s: 1, load: 1.5}\n",
                        "t.yaml:3:45: emulation.co_runner.0.load: 1.5 is out of range; allowed: a number from 0.0 to 1.0"),
                Arguments.of("overlapping co-runners", "emulation:\n  co_runner:\n    - {unit: a15, start_s: 1, duration_s: 5}\n"
                        + "    - {unit: a15, start_s: 4, duration_s: 5}\n",
                        "t.yaml:2:3: emulation.co_runner: entries 0 and 1 overlap on unit a15; allowed: at most one co-runner at a time on each unit"),
                Arguments.of("duplicate key", "governor:\n  period_ms: 100\n  period_ms: 200\n",
                        "t.yaml:3:12: governor: YAML syntax error: Duplicate field 'period_ms'"),
                Arguments.of("broken syntax", "governor:\n  precedence: [power, latency\n",
                        "t.yaml:3:1: governor.precedence.2: YAML syntax error: while parsing a flow sequence: expected ',' or ']', but got <stream end>"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badDocuments")
    void aBadDocumentGetsOneClearMessage(String kind, String yaml, String expected) {
        assertThatThrownBy(() -> loader.parse(yaml, "t.yaml"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(expected)
                .message().doesNotContain("\n").doesNotContain("org.dynnd").doesNotContain("Exception");
    }

    @Test
    void aMissingFileIsNamed(@TempDir Path dir) {
        Path file = dir.resolve("nope.yaml");
        assertThatThrownBy(() -> loader.load(file)).isInstanceOf(ConfigException.class)
                .hasMessage(file + ": no such configuration file");
    }

    @Test
    void aFolderIsNotAFile(@TempDir Path dir) {
        assertThatThrownBy(() -> loader.load(dir)).isInstanceOf(ConfigException.class)
                .hasMessage(dir + ": is a folder; allowed: a YAML file");
    }

    @Test
    void bytesThatAreNotUtf8AreRefused(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("latin1.yaml");
        Files.write(file, "daemon:\n  log_level: d\u00e9bug\n".getBytes(StandardCharsets.ISO_8859_1));
        assertThatThrownBy(() -> loader.load(file)).isInstanceOf(ConfigException.class)
                .hasMessage(file + ": not UTF-8 text; allowed: a YAML file in UTF-8");
    }

    @Test
    void aFileOnDiskIsNamedInItsErrors(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("dynnd.yaml");
        Files.writeString(file, "# comment\ntelemetry:\n  keep_s: 0\n");
        assertThatThrownBy(() -> loader.load(file)).isInstanceOf(ConfigException.class)
                .hasMessage(file + ":3:3: telemetry.keep_s: 0 is out of range; allowed: an integer from 1 to 86400");
    }

    private static String snake(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
    }
}
