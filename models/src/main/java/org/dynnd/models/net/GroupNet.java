package org.dynnd.models.net;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/**
 * An AlexNet whose channels are split into G groups, run with the first k of them, as one DJL
 * block. What the schemes share lives here: every group g owns one child block (its
 * convolutions, batch norms), the block {@code W_g} of an additive linear classifier,
 * {@code logits_k = sum_{g<=k} W_g f_g + b_k}, and the bias {@code b_g}; stage g of
 * incremental training trains exactly those and nothing else. The subclasses say only how a
 * group's convolutions are wired: {@link GroupedAlexNet} (each group reads the image alone) or
 * {@link NestedAlexNet} (each group reads all earlier groups too).
 *
 * <p>Inputs: {@code NDList(images[, k])} with images {@code (N, 3, 32, 32)} in [0, 1] and k an
 * integer scalar in 1..G (all groups when absent). Output: {@code NDList(logits (N, classes))}.
 * In training mode the groups below k run in inference mode, which keeps their batch-norm
 * statistics frozen: incremental stage k trains group k only.
 */
public abstract sealed class GroupNet extends AbstractBlock permits GroupedAlexNet, NestedAlexNet {

    // The parameter-file layout (version byte, biases, then the groups and the heads in order)
    // is the one of the first grouped bundles, which must keep loading.
    private static final byte VERSION = 1;

    private final AlexNetSpec spec;
    private final Scheme scheme;
    private final List<Block> groups = new ArrayList<>();
    private final List<Block> heads = new ArrayList<>();
    private final List<Parameter> biases = new ArrayList<>();

    /** @param group builds the block of group g (1-based) */
    GroupNet(AlexNetSpec spec, Scheme scheme, IntFunction<Block> group) {
        super(VERSION);
        this.spec = spec;
        this.scheme = scheme;
        for (int g = 1; g <= spec.groups(); g++) {
            groups.add(addChildBlock("group" + g, group.apply(g)));
        }
        for (int g = 1; g <= spec.groups(); g++) {
            heads.add(addChildBlock("head" + g, Linear.builder().setUnits(spec.classes()).optBias(false).build()));
        }
        for (int k = 1; k <= spec.groups(); k++) {
            biases.add(addParameter(Parameter.builder()
                    .setName("bias" + k)
                    .setType(Parameter.Type.BIAS)
                    .optShape(new Shape(spec.classes()))
                    .optInitializer(Initializer.ZEROS)
                    .build()));
        }
    }

    /**
     * Adds convolution layer {@code layer} (0-based) of group {@code g} to {@code target}: the
     * convolution, batch norm, ReLU and, where the AlexNet has one, the 2x2 max-pool.
     */
    static void addLayer(SequentialBlock target, AlexNetSpec spec, int layer, int g) {
        int kernel = AlexNetSpec.KERNELS.get(layer);
        target.add(Conv2d.builder()
                .setKernelShape(new Shape(kernel, kernel))
                .optPadding(new Shape(kernel / 2, kernel / 2))
                .setFilters(spec.groupWidth(layer, g))
                .optBias(false) // batch norm's shift makes a convolution bias redundant
                .build());
        target.add(BatchNorm.builder().optEpsilon(1e-5f).build());
        target.add(Activation.reluBlock());
        if (AlexNetSpec.POOL_AFTER.get(layer)) {
            target.add(Pool.maxPool2dBlock(new Shape(2, 2), new Shape(2, 2)));
        }
    }

    /** The architecture this block was built for. */
    public AlexNetSpec spec() {
        return spec;
    }

    /** How the groups are wired; its architecture name goes into bundle manifests. */
    public Scheme scheme() {
        return scheme;
    }

    /** The convolution block of group {@code g} (1-based): its convolutions and batch norms. */
    public Block path(int g) {
        return groups.get(checkGroup(g) - 1);
    }

    /** The classifier block W_g of group {@code g} (1-based). */
    public Block head(int g) {
        return heads.get(checkGroup(g) - 1);
    }

    /** The classifier bias used when {@code k} groups run. */
    public Parameter bias(int k) {
        return biases.get(checkGroup(k) - 1);
    }

    /** Every parameter that stage {@code g} of incremental training owns: path g, W_g, b_g. */
    public List<Parameter> stageParameters(int g) {
        List<Parameter> owned = new ArrayList<>(path(g).getParameters().values());
        owned.addAll(head(g).getParameters().values());
        owned.add(bias(g));
        return owned;
    }

    /**
     * Freezes every parameter except the learnable ones of stage {@code g} (batch-norm running
     * statistics are never learnable: batch norm updates them itself, in training mode only).
     */
    public void prepareStage(int g) {
        freezeParameters(true);
        stageParameters(g).stream()
                .filter(p -> p.getType() != Parameter.Type.RUNNING_MEAN && p.getType() != Parameter.Type.RUNNING_VAR)
                .forEach(p -> p.freeze(false));
    }

    /** Bytes of the stored values that inference with {@code k} groups reads. */
    public long parameterBytes(int k) {
        long bytes = 0;
        for (int g = 1; g <= checkGroup(k); g++) {
            for (Parameter p : stageParameters(g)) {
                if (p != bias(g) || g == k) {
                    bytes += p.getArray().size() * p.getArray().getDataType().getNumOfBytes();
                }
            }
        }
        return bytes;
    }

    /**
     * Multiply-accumulates of one inference with {@code k} groups, from this network's own
     * parameters: every convolution weight of paths 1..k times the positions it is applied at
     * (stride 1, "same" padding, the pooling of the spec), plus the classifier weights W_1..W_k.
     * Batch norm, bias and pooling add a few per mille and are left out. A scheme whose paths
     * read more of the layer before (nested) has larger weights, so its cost follows by itself.
     */
    public long macs(int k) {
        long macs = 0;
        for (int g = 1; g <= checkGroup(k); g++) {
            int layer = 0;
            for (Parameter p : path(g).getParameters().values()) {
                if (p.getArray().getShape().dimension() == 4) {
                    macs += p.getArray().size() * outputArea(layer++);
                }
            }
            for (Parameter p : head(g).getParameters().values()) {
                if (p.getArray().getShape().dimension() == 2) {
                    macs += p.getArray().size();
                }
            }
        }
        return macs;
    }

    /** Output positions of convolution layer {@code layer}: the input size halved by every pooling before it. */
    private static long outputArea(int layer) {
        int size = AlexNetSpec.SIZE;
        for (int i = 0; i < layer; i++) {
            size = AlexNetSpec.POOL_AFTER.get(i) ? size / 2 : size;
        }
        return (long) size * size;
    }

    int checkGroup(int k) {
        if (k < 1 || k > spec.groups()) {
            throw new IllegalArgumentException("k must be in 1.." + spec.groups() + ", got " + k);
        }
        return k;
    }

    /**
     * The flattened features {@code f_1..f_k} of the first k groups. Only group k may learn
     * ({@code training}); the groups above k must not be computed at all.
     */
    abstract List<NDArray> features(ParameterStore store, NDArray images, int k, boolean training);

    /**
     * Inputs {@code (images)} run every group, {@code (images, k)} groups 1..k. A scheme whose groups
     * read the image alone may take a third input ({@link GroupedAlexNet}); here it is refused.
     */
    @Override
    protected NDList forwardInternal(
            ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        if (inputs.size() > 2) {
            throw new IllegalArgumentException("the frozen groups' logits of a " + scheme.label() + " network cannot be"
                    + " cached: its groups read each other; allowed inputs: (images) or (images, k)");
        }
        NDArray images = inputs.get(0);
        int k = groupsOf(inputs);
        List<NDArray> features = features(store, images, k, training);
        NDArray logits = null;
        for (int g = 1; g <= k; g++) {
            boolean learn = training && g == k;
            NDArray part = heads.get(g - 1).forward(store, new NDList(features.get(g - 1)), learn).singletonOrThrow();
            logits = logits == null ? part : logits.add(part);
        }
        return withBias(store, images, k, logits, training);
    }

    /** The k of inputs {@code (images, k, ...)}: all groups when none is given. */
    int groupsOf(NDList inputs) {
        return inputs.size() > 1 ? checkGroup(inputs.get(1).toType(DataType.INT32, false).getInt()) : spec.groups();
    }

    /** {@code logits} plus the classifier bias b_k of {@code k} groups. */
    NDList withBias(ParameterStore store, NDArray images, int k, NDArray logits, boolean training) {
        NDArray bias = store.getValue(biases.get(k - 1), images.getDevice(), training);
        return new NDList(logits.add(bias));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), spec.classes())};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape[] image = {inputShapes[0]};
        for (int g = 0; g < spec.groups(); g++) {
            groups.get(g).initialize(manager, dataType, image);
            Shape[] out = groups.get(g).getOutputShapes(image);
            Shape last = out[out.length - 1]; // the last convolution's output, flattened or not
            heads.get(g).initialize(manager, dataType, new Shape(last.get(0), last.size() / last.get(0)));
        }
    }
}
