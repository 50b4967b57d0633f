package org.dynnd.models;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.dynnd.models.data.ImageSet;

/** Small synthetic image sets for tests: each class is a brighter horizontal band plus noise. */
public final class TestImages {

    private TestImages() {}

    /** {@code count} grey 32x32 images of {@code classes} classes, reproducible from {@code seed}. */
    public static ImageSet bands(int count, int classes, long seed) {
        Random random = new Random(seed);
        byte[] pixels = new byte[count * 32 * 32];
        byte[] labels = new byte[count];
        for (int i = 0; i < count; i++) {
            int label = i % classes;
            labels[i] = (byte) label;
            int bandStart = label * 32 / classes;
            for (int p = 0; p < 32 * 32; p++) {
                int row = p / 32;
                int value = random.nextInt(60) + (row >= bandStart && row < bandStart + 32 / classes ? 180 : 0);
                pixels[i * 32 * 32 + p] = (byte) Math.min(255, value);
            }
        }
        List<String> names = new ArrayList<>();
        for (int c = 0; c < classes; c++) {
            names.add("class" + c);
        }
        return new ImageSet("bands", 1, pixels, labels, names);
    }
}
