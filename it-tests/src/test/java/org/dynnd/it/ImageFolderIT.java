package org.dynnd.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.zip.GZIPInputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A user's own images end to end: a few hundred Fashion-MNIST test images written as 64x64 PNG
 * files in one folder per class (a stand-in for a user's data set), a tiny bundle trained from
 * them with {@code dynnd train --data imagefolder:DIR}, served by {@code dynnd run}, and a PNG
 * classified over the socket.
 */
class ImageFolderIT extends DaemonTest {

    private static final int IMAGES = 300;
    private static final int SIDE = 64;

    private static Path data;
    private static Path bundle;
    private static Command training;

    @BeforeAll
    static void trainAndServe() throws Exception {
        data = home.resolve("images");
        byte[] pixels = idx("t10k-images-idx3-ubyte.gz", 16, IMAGES * 28 * 28);
        byte[] labels = idx("t10k-labels-idx1-ubyte.gz", 8, IMAGES);
        for (int i = 0; i < IMAGES; i++) {
            Path file = data.resolve("class" + labels[i]).resolve(String.format("%03d.png", i));
            Files.createDirectories(file.getParent());
            Files.write(file, png(pixels, i));
        }
        bundle = home.resolve("bundle");
        training = Command.run(home, Command.distribution().resolve("bin/dynnd"), "train", "--data", "imagefolder:" + data,
                "--groups", "2", "--epochs-per-stage", "1", "--dense-epochs", "0", "--batch-size", "32", "--threads", "1",
                "--out", bundle.toString());
        if (training.exitCode() == 0) {
            DaemonProcess.writeConfig(home, "model:\n  bundle: " + bundle + "\n");
            daemon = DaemonProcess.start(home);
        }
    }

    private static byte[] idx(String name, int header, int length) throws Exception {
        Path file = Command.repository().resolve("models/data/fashion-mnist").resolve(name);
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
            in.readNBytes(header);
            return in.readNBytes(length);
        }
    }

    /** Image {@code i} scaled (nearest neighbour) from 28x28 to 64x64 grey, as PNG bytes. */
    private static byte[] png(byte[] pixels, int i) throws Exception {
        BufferedImage image = new BufferedImage(SIDE, SIDE, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < SIDE; y++) {
            for (int x = 0; x < SIDE; x++) {
                image.getRaster().setSample(x, y, 0, pixels[i * 784 + (y * 28 / SIDE) * 28 + x * 28 / SIDE] & 0xff);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    @Test
    void trainsABundleFromClassFoldersOfPngFiles() throws Exception {
        assertThat(training.exitCode()).as(training.stdout() + training.stderr()).isZero();
        JsonNode manifest = ProtocolClient.JSON.readTree(bundle.resolve("manifest.json").toFile());
        assertThat(manifest.get("groups").asInt()).isEqualTo(2);
        assertThat(manifest.get("classNames")).hasSize(10);
        assertThat(manifest.get("classNames").get(3).asText()).isEqualTo("class3");
        // Every fifth file of a class is a test image.
        assertThat(manifest.get("dataset").get("trainImages").asInt() + manifest.get("dataset").get("testImages").asInt())
                .isEqualTo(IMAGES);
        assertThat(manifest.get("dataset").get("testImages").asInt()).isBetween(IMAGES / 5 - 10, IMAGES / 5);
    }

    @Test
    void theDaemonServesItAndClassifiesAPngOverTheSocket() throws Exception {
        assertThat(daemon).as("the daemon started with the trained bundle").isNotNull();
        byte[] image = Files.readAllBytes(data.resolve("class9").toFile().listFiles()[0].toPath());
        try (ProtocolClient client = ProtocolClient.connect(daemon.socket())) {
            JsonNode result = client.result(client.request("infer").put("image", Base64.getEncoder().encodeToString(image)));
            assertThat(result.get("class").asInt()).isBetween(0, 9);
            assertThat(result.get("label").asText()).isEqualTo("class" + result.get("class").asInt());
            assertThat(result.get("op").get("groups").asInt()).isBetween(1, 2);
        }
    }
}
