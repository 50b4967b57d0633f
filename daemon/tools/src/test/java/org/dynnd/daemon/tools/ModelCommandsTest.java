package org.dynnd.daemon.tools;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.dynnd.daemon.cli.Cli;
import org.dynnd.daemon.cli.DynndMain;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code dynnd train} and {@code dynnd eval} end to end on tiny CIFAR-10 files in the official format. */
class ModelCommandsTest {

    @TempDir
    Path dir;

    private String out;
    private String err;

    private int run(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
        ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(outBytes, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(errBytes, true, StandardCharsets.UTF_8));
            return DynndMain.commandLine().execute(args);
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
            out = outBytes.toString(StandardCharsets.UTF_8);
            err = errBytes.toString(StandardCharsets.UTF_8);
        }
    }

    private Path cifar() throws IOException {
        Path data = dir.resolve("cifar");
        Files.createDirectories(data);
        for (String name : new String[] {"data_batch_1.bin", "data_batch_2.bin", "data_batch_3.bin", "data_batch_4.bin",
                "data_batch_5.bin", "test_batch.bin"}) {
            byte[] content = new byte[8 * 3073];
            for (int r = 0; r < 8; r++) {
                content[r * 3073] = (byte) (r % 2);
                for (int p = 1; p < 3073; p++) {
                    content[r * 3073 + p] = (byte) (r % 2 == 0 ? p % 64 : 200 + p % 50);
                }
            }
            Files.write(data.resolve(name), content);
        }
        return data;
    }

    @Test
    void trainsABundleThatEvalReproduces() throws Exception {
        Path data = cifar();
        Path bundle = dir.resolve("bundle");
        int trained = run("train", "--data", "cifar10:" + data, "--groups", "2", "--epochs-per-stage", "1",
                "--dense-epochs", "0", "--batch-size", "8", "--out", bundle.toString());
        assertThat(trained).as(err).isZero();
        assertThat(out).contains("grouped stage 2/2 epoch 1/1").contains("wrote " + bundle);
        assertThat(bundle.resolve("manifest.json")).exists();
        assertThat(bundle.resolve("checkpoint")).doesNotExist();

        int evaluated = run("eval", "--model", bundle.toString(), "--json", "--latency-images", "3", "--threads", "1");
        assertThat(evaluated).as(err).isZero();
        JsonNode report = new ObjectMapper().readTree(out);
        assertThat(report.get("widths")).hasSize(2);
        for (JsonNode width : report.get("widths")) {
            assertThat(width.get("accuracy").asDouble()).isEqualTo(width.get("manifestAccuracy").asDouble());
            assertThat(width.get("meanLatencyMs").asDouble()).isPositive();
        }
        assertThat(report.get("separateModelsBytes").asLong()).isGreaterThan(0);

        assertThat(run("eval", "--model", bundle.toString(), "--latency-images", "2")).isZero();
        assertThat(out).contains("  2 ").contains("separate models of widths 1/2..2/2");
    }

    @Test
    void trainsWithTheFullRecipeAndAValidationSplit() throws Exception {
        Path data = cifar(); // 5 x 8 training images
        Path bundle = dir.resolve("recipe");
        int trained = run("train", "--data", "cifar10:" + data, "--groups", "2", "--epochs-per-stage", "1",
                "--dense-epochs", "0", "--batch-size", "8", "--optimizer", "sgd", "--schedule", "cosine",
                "--learning-rate", "0.02", "--weight-decay", "0.0005", "--val-split", "0.25", "--crop-padding", "2",
                "--flip", "--augment-views", "2", "--out", bundle.toString());
        assertThat(trained).as(err).isZero();
        assertThat(out).contains("validation");
        JsonNode manifest = new ObjectMapper().readTree(bundle.resolve("manifest.json").toFile());
        assertThat(manifest.get("dataset").get("validationImages").asInt()).isEqualTo(10);
        assertThat(manifest.get("dataset").get("trainImages").asInt()).isEqualTo(30);
        assertThat(manifest.get("validationAccuracy")).hasSize(2);
        JsonNode settings = manifest.get("training").get("settings");
        assertThat(settings.get("optimizer").asText()).isEqualTo("sgd");
        assertThat(settings.get("schedule").asText()).isEqualTo("cosine");
        assertThat(settings.get("flip").asBoolean()).isTrue();

        assertThat(run("train", "--data", "cifar10:" + data, "--val-split", "1.5", "--out", dir.resolve("x").toString()))
                .isNotZero();
        assertThat(err).contains("--val-split must be a fraction in [0, 1), got 1.5");
    }

    @Test
    void trainsAndEvaluatesANestedBundle() throws Exception {
        Path data = cifar();
        Path bundle = dir.resolve("nested");
        int trained = run("train", "--scheme", "nested", "--data", "cifar10:" + data, "--groups", "2",
                "--epochs-per-stage", "1", "--dense-epochs", "0", "--batch-size", "8", "--out", bundle.toString());
        assertThat(trained).as(err).isZero();
        assertThat(out).contains("nested stage 2/2 epoch 1/1").contains("s nested + 0 s dense");
        assertThat(Files.readString(bundle.resolve("manifest.json"))).contains("\"architecture\" : \"nested-alexnet-32x32\"");

        int evaluated = run("eval", "--model", bundle.toString(), "--json", "--latency-images", "2", "--threads", "1");
        assertThat(evaluated).as(err).isZero();
        JsonNode report = new ObjectMapper().readTree(out);
        assertThat(report.get("architecture").asText()).isEqualTo("nested-alexnet-32x32");
        for (JsonNode width : report.get("widths")) {
            assertThat(width.get("accuracy").asDouble()).isEqualTo(width.get("manifestAccuracy").asDouble());
        }
        assertThat(run("eval", "--model", bundle.toString(), "--latency-images", "1", "--export", dir.resolve("ref").toString()))
                .isEqualTo(2);
        assertThat(err).contains("architecture is nested-alexnet-32x32; the reference export covers grouped-alexnet-32x32 only");
    }

    @Test
    void userMistakesAreOneLineAndExitCode2() throws Exception {
        assertThat(run("train", "--scheme", "wide", "--out", dir.toString())).isEqualTo(2);
        assertThat(err).contains("--scheme is wide, expected grouped or nested");

        assertThat(run("eval", "--model", dir.resolve("none").toString())).isEqualTo(2);
        assertThat(err.strip()).startsWith("dynnd eval: ").contains("manifest.json: missing").doesNotContain("\n");

        assertThat(run("train", "--groups", "9", "--out", dir.toString())).isEqualTo(2);
        assertThat(err).contains("groups must be in 2..8, got 9");

        assertThat(run("train", "--data", "cifar10:" + dir.resolve("nothing"), "--out", dir.toString())).isEqualTo(2);
        assertThat(err).contains("nothing: data folder does not exist");

        Path empty = dir.resolve("empty");
        Files.createDirectories(empty);
        assertThat(run("train", "--data", "cifar10:" + empty, "--out", dir.toString())).isEqualTo(2);
        assertThat(err).contains("data_batch_1.bin: missing CIFAR-10 file");
    }
}
