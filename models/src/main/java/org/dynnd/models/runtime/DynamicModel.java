package org.dynnd.models.runtime;

import ai.djl.engine.Engine;
import ai.djl.inference.Predictor;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.translate.TranslateException;
import java.nio.file.Path;
import java.util.List;
import org.dynnd.models.bundle.BundleException;
import org.dynnd.models.bundle.Manifest;
import org.dynnd.models.bundle.ModelBundle;
import org.dynnd.models.data.ImageSet;
import org.dynnd.models.net.AlexNetSpec;
import org.dynnd.models.net.GroupNet;
import org.dynnd.models.net.Networks;

/**
 * A G-group network (grouped, or the nested-width comparison network, as the bundle's manifest
 * says) as the rest of the daemon sees it: classify an image with k of the G groups, where k
 * may change from one call to the next at no cost (no reload, no new weights, no
 * recompilation — the groups above k are simply not computed).
 *
 * <p>Threading: one {@code DynamicModel} runs one inference at a time ({@link #classify} is
 * synchronized; DJL predictors are not thread-safe). The daemon should own one instance per
 * inference worker thread — normally exactly one, on a dedicated thread whose CPU affinity the
 * governor sets — and call {@link #setThreads} to choose how many intra-op threads PyTorch uses
 * inside each inference. Close it when done; it owns native memory.
 */
public final class DynamicModel implements AutoCloseable {

    private final ModelBundle.Opened bundle;
    private final Predictor<WidthTranslator.Request, float[]> predictor;
    private final ThreadLocal<Integer> appliedThreads = new ThreadLocal<>();
    private volatile int threads;

    private DynamicModel(ModelBundle.Opened bundle) {
        this.bundle = bundle;
        // Inference needs no gradients: frozen parameters keep PyTorch from recording a graph.
        bundle.net().freezeParameters(true);
        this.predictor = bundle.model().newPredictor(new WidthTranslator());
    }

    /**
     * Opens the model bundle in {@code folder} (either architecture), checking its manifest
     * against its parameters.
     */
    public static DynamicModel open(Path folder) throws BundleException {
        return new DynamicModel(ModelBundle.open(folder));
    }

    /** Number of groups G; {@link #classify} accepts k in 1..G. */
    public int groups() {
        return bundle.manifest().groups();
    }

    /** The class names, by output index. */
    public List<String> classNames() {
        return bundle.manifest().classNames();
    }

    /** Top-1 test accuracy in percent with {@code k} groups, as measured when the bundle was made. */
    public double accuracy(int k) {
        return bundle.manifest().accuracy(checkK(k));
    }

    /** Multiply-accumulates of one inference with {@code k} groups, as the manifest states them. */
    public long macs(int k) {
        return bundle.manifest().macs().get(checkK(k) - 1);
    }

    /** Bytes of parameters that inference with {@code k} groups reads. */
    public long parameterBytes(int k) {
        return bundle.manifest().parameterBytes().get(checkK(k) - 1);
    }

    /** The network, for tests in this package that look inside. */
    GroupNet net() {
        return bundle.net();
    }

    /** The bundle's manifest. */
    public Manifest manifest() {
        return bundle.manifest();
    }

    /**
     * Sets the number of PyTorch intra-op threads for the following inferences (0 keeps
     * PyTorch's default). It takes effect in whichever thread runs the next {@link #classify}.
     */
    public void setThreads(int threads) {
        if (threads < 0) {
            throw new IllegalArgumentException("threads must be 0 (default) or positive, got " + threads);
        }
        this.threads = threads;
    }

    /** Sets PyTorch's intra-op threads of the calling thread (for tools that do not classify). */
    public static void setIntraOpThreads(int threads) {
        Engine.getEngine(Networks.ENGINE); // loads the native library the call needs
        JniUtils.setNumThreads(threads);
    }

    /**
     * Classifies one image of 3 x 32 x 32 values in [0, 1] (channel-major) with groups 1..k.
     *
     * @throws IllegalArgumentException if the image has the wrong size or k is not in 1..G
     */
    public synchronized Classification classify(float[] image, int k) {
        if (image.length != ImageSet.INPUT_VALUES) {
            throw new IllegalArgumentException("image must hold 3 x 32 x 32 = " + ImageSet.INPUT_VALUES
                    + " values, got " + image.length);
        }
        checkK(k);
        int wanted = threads;
        if (wanted > 0 && !Integer.valueOf(wanted).equals(appliedThreads.get())) {
            JniUtils.setNumThreads(wanted);
            appliedThreads.set(wanted);
        }
        try {
            return Classification.of(k, predictor.predict(new WidthTranslator.Request(image, k)), classNames());
        } catch (TranslateException e) {
            throw new IllegalStateException("inference failed at k = " + k + ": " + e.getMessage(), e);
        }
    }

    /**
     * Classifies one image given as bytes 0..255: 3 x 32 x 32 (RGB, channel-major) or
     * 32 x 32 (grey, repeated to three channels).
     */
    public Classification classify(byte[] image, int k) {
        int plane = AlexNetSpec.SIZE * AlexNetSpec.SIZE;
        if (image.length != plane && image.length != 3 * plane) {
            throw new IllegalArgumentException("image must hold 32 x 32 (grey) or 3 x 32 x 32 (RGB) = " + plane
                    + " or " + 3 * plane + " bytes, got " + image.length);
        }
        float[] input = new float[3 * plane];
        for (int i = 0; i < input.length; i++) {
            input[i] = (image[image.length == plane ? i % plane : i] & 0xff) / 255f;
        }
        return classify(input, k);
    }

    private int checkK(int k) {
        if (k < 1 || k > groups()) {
            throw new IllegalArgumentException("k must be in 1.." + groups() + ", got " + k);
        }
        return k;
    }

    @Override
    public synchronized void close() {
        predictor.close();
        bundle.close();
    }
}
