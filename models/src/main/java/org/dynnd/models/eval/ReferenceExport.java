package org.dynnd.models.eval;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dynnd.models.bundle.BundleException;
import org.dynnd.models.bundle.ModelBundle;
import org.dynnd.models.data.ImageSet;
import org.dynnd.models.net.GroupNet;
import org.dynnd.models.net.Scheme;
import org.dynnd.models.train.Evaluation;

/**
 * Writes a bundle's weights, some test inputs and DJL's logits for them at every k in plain
 * little-endian float32 files with a JSON index, so that another framework (the PyTorch script
 * {@code models/tools/torch_reference.py}) can rebuild the same network and compare.
 *
 * <p>Grouped bundles only: the script rebuilds the grouped wiring, and a nested bundle's tensors
 * (same names, wider inputs) would not fit it.
 *
 * <p>Tensor names: {@code group<g>.conv<l>.weight}, {@code group<g>.bn<l>.{gamma,beta,mean,var}},
 * {@code head<g>.weight}, {@code bias<k>}; g, l and k count from 1.
 */
public final class ReferenceExport {

    private ReferenceExport() {}

    /** Exports the bundle in {@code bundle} and the first {@code count} images of {@code test} to {@code out}. */
    public static void export(Path bundle, ImageSet test, int count, Path out) throws BundleException, IOException {
        Files.createDirectories(out);
        int n = Math.min(count, test.count());
        float[] inputs = new float[n * ImageSet.INPUT_VALUES];
        for (int i = 0; i < n; i++) {
            test.copyInput(i, inputs, i * ImageSet.INPUT_VALUES);
        }
        try (ModelBundle.Opened opened = ModelBundle.open(bundle)) {
            GroupNet net = opened.net();
            if (net.scheme() != Scheme.GROUPED) {
                throw new BundleException(bundle.resolve(ModelBundle.MANIFEST) + ": architecture is "
                        + opened.manifest().architecture() + "; the reference export covers "
                        + Scheme.GROUPED.architecture() + " only (what models/tools/torch_reference.py rebuilds)");
            }
            net.freezeParameters(true);
            List<Map<String, Object>> tensors = new ArrayList<>();
            try (OutputStream weights = new BufferedOutputStream(Files.newOutputStream(out.resolve("weights.bin")))) {
                long offset = 0;
                for (int g = 1; g <= net.spec().groups(); g++) {
                    int layer = 0;
                    for (Parameter p : net.path(g).getParameters().values()) {
                        layer += p.getType() == Parameter.Type.WEIGHT ? 1 : 0;
                        String name = "group" + g + "." + switch (p.getType()) {
                            case WEIGHT -> "conv" + layer + ".weight";
                            case GAMMA -> "bn" + layer + ".gamma";
                            case BETA -> "bn" + layer + ".beta";
                            case RUNNING_MEAN -> "bn" + layer + ".mean";
                            case RUNNING_VAR -> "bn" + layer + ".var";
                            default -> throw new IllegalStateException("unexpected parameter " + p.getName());
                        };
                        offset = write(weights, tensors, name, p.getArray(), offset);
                    }
                    offset = write(weights, tensors, "head" + g + ".weight",
                            net.head(g).getParameters().values().get(0).getArray(), offset);
                }
                for (int k = 1; k <= net.spec().groups(); k++) {
                    offset = write(weights, tensors, "bias" + k, net.bias(k).getArray(), offset);
                }
            }
            writeFloats(out.resolve("inputs.bin"), inputs);
            for (int k = 1; k <= net.spec().groups(); k++) {
                writeFloats(out.resolve("logits-k" + k + ".bin"), Evaluation.logits(net, opened.model().getNDManager(), inputs, n, k));
            }
            Map<String, Object> index = new LinkedHashMap<>();
            index.put("groups", net.spec().groups());
            index.put("classes", net.spec().classes());
            index.put("images", n);
            index.put("imageShape", List.of(3, ImageSet.SIZE, ImageSet.SIZE));
            index.put("batchNormEpsilon", 1e-5);
            index.put("tensors", tensors);
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out.resolve("weights.json").toFile(), index);
        }
    }

    private static long write(OutputStream out, List<Map<String, Object>> tensors, String name, NDArray array, long offset)
            throws IOException {
        float[] values = array.toFloatArray();
        out.write(littleEndian(values));
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("name", name);
        entry.put("shape", array.getShape().getShape());
        entry.put("offset", offset);
        tensors.add(entry);
        return offset + values.length;
    }

    private static void writeFloats(Path file, float[] values) throws IOException {
        Files.write(file, littleEndian(values));
    }

    private static byte[] littleEndian(float[] values) {
        ByteBuffer buffer = ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        buffer.asFloatBuffer().put(values);
        return buffer.array();
    }
}
