package org.dynnd.models.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AugmentationTest {

    /** One grey image whose pixel (y, x) is y * 8 + x (mod 256), so every value says where it came from. */
    private static final ImageSet RAMP = ramp();

    private static ImageSet ramp() {
        byte[] pixels = new byte[32 * 32];
        for (int y = 0; y < 32; y++) {
            for (int x = 0; x < 32; x++) {
                pixels[y * 32 + x] = (byte) (y * 8 + x);
            }
        }
        return new ImageSet("ramp", 1, pixels, new byte[] {0}, List.of("a", "b"));
    }

    private static float stored(int y, int x) {
        return ((y * 8 + x) & 0xff) / 255f;
    }

    @Test
    void aViewIsAShiftedAndMirroredCopyFilledWithBlack() {
        float[] view = new float[ImageSet.INPUT_VALUES];
        RAMP.copyView(0, view, 0, 2, -1, true);
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < 32; y++) {
                for (int x = 0; x < 32; x++) {
                    int sy = y - 1;
                    int sx = 31 - x + 2;
                    float expected = sy < 0 || sx > 31 ? 0f : stored(sy, sx);
                    assertThat(view[c * 1024 + y * 32 + x]).as("channel %d pixel (%d, %d)", c, y, x).isEqualTo(expected);
                }
            }
        }
    }

    @Test
    void viewsAreFixedBySeedImageAndViewAndStayWithinThePadding() {
        Augmentation augmentation = new Augmentation(2, true, 8, 5);
        Set<String> distinct = new HashSet<>();
        for (int v = 0; v < 8; v++) {
            float[] a = new float[ImageSet.INPUT_VALUES];
            float[] b = new float[ImageSet.INPUT_VALUES];
            augmentation.copy(RAMP, 0, v, a, 0);
            augmentation.copy(RAMP, 0, v, b, 0);
            assertThat(a).isEqualTo(b);
            distinct.add(java.util.Arrays.toString(a));
            // The centre pixel of a view comes from at most 2 pixels away (mirrored or not).
            float centre = a[16 * 32 + 16];
            boolean near = false;
            for (int dy = -2; dy <= 2; dy++) {
                for (int dx = -2; dx <= 2; dx++) {
                    near |= centre == stored(16 + dy, 16 + dx) || centre == stored(16 + dy, 15 + dx);
                }
            }
            assertThat(near).as("view %d", v).isTrue();
        }
        assertThat(distinct).as("8 views of one image are not all the same").hasSizeGreaterThan(3);
        float[] plain = new float[ImageSet.INPUT_VALUES];
        Augmentation.none().copy(RAMP, 0, 0, plain, 0);
        assertThat(plain).isEqualTo(RAMP.input(0));
    }
}
