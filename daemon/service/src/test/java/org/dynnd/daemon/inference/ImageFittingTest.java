package org.dynnd.daemon.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.dynnd.daemon.service.DecodedImage;
import org.dynnd.daemon.service.InferenceException;
import org.junit.jupiter.api.Test;

class ImageFittingTest {

    @Test
    void aFashionMnistImageIsPaddedByTwoPixelsAsInTraining() throws Exception {
        byte[] pixels = new byte[28 * 28];
        pixels[0] = 7;
        pixels[28 * 28 - 1] = 9;
        byte[] fitted = ImageFitting.fit(new DecodedImage(28, 28, 1, pixels));
        assertThat(fitted).hasSize(32 * 32);
        assertThat(fitted[2 * 32 + 2]).isEqualTo((byte) 7);
        assertThat(fitted[29 * 32 + 29]).isEqualTo((byte) 9);
        assertThat(fitted[0]).isZero();
        assertThat(fitted[31 * 32 + 31]).isZero();
    }

    @Test
    void aLargerImageIsAveragedDownToThirtyTwoPixels() throws Exception {
        byte[] pixels = new byte[64 * 64 * 3];
        for (int y = 0; y < 64; y++) {
            for (int x = 0; x < 64; x++) {
                pixels[(y * 64 + x) * 3] = (byte) (x % 2 == 0 ? 100 : 200); // red alternates: averages to 150
                pixels[(y * 64 + x) * 3 + 2] = (byte) 255;
            }
        }
        byte[] fitted = ImageFitting.fit(new DecodedImage(64, 64, 3, pixels));
        assertThat(fitted).hasSize(32 * 32 * 3);
        assertThat(fitted[0] & 0xff).isEqualTo(150);
        assertThat(fitted[1] & 0xff).isZero();
        assertThat(fitted[(31 * 32 + 31) * 3 + 2] & 0xff).isEqualTo(255);
    }

    @Test
    void aTinyImageIsRefusedAsBadInput() {
        assertThatThrownBy(() -> ImageFitting.fit(new DecodedImage(4, 4, 1, new byte[16])))
                .isInstanceOf(InferenceException.class)
                .hasMessageContaining("4x4").hasMessageContaining("32x32")
                .matches(e -> ((InferenceException) e).badInput());
    }
}
