package org.dynnd.models.net;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
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

/**
 * The grouped AlexNet as one DJL block whose width is chosen per forward pass.
 *
 * <p>Each group g is its own path of five convolutions (every one followed by batch norm and
 * ReLU) that reads the whole image and nothing of the other groups, so running k groups costs k
 * paths and nothing else: groups above k are never touched. The classifier is additive,
 * {@code logits_k = sum_{g<=k} W_g f_g + b_k}: each group owns the block {@code W_g} of one
 * linear layer and there is one small bias per k. All k therefore share one set of weights,
 * the extra memory over the full model is (G-1) bias vectors, and training group g never
 * changes anything that k < g uses.
 *
 * <p>Inputs: {@code NDList(images[, k])} with images {@code (N, 3, 32, 32)} in [0, 1] and k an
 * integer scalar in 1..G (all groups when absent). Output: {@code NDList(logits (N, classes))}.
 * In training mode the groups below k run in inference mode, which keeps their batch-norm
 * statistics frozen: incremental stage k trains group k only.
 */
public final class GroupedAlexNet extends AbstractBlock {

    private static final byte VERSION = 1;

    private final AlexNetSpec spec;
    private final List<Block> paths = new ArrayList<>();
    private final List<Block> heads = new ArrayList<>();
    private final List<Parameter> biases = new ArrayList<>();

    public GroupedAlexNet(AlexNetSpec spec) {
        super(VERSION);
        this.spec = spec;
        for (int g = 1; g <= spec.groups(); g++) {
            paths.add(addChildBlock("group" + g, path(spec, g)));
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

    private static Block path(AlexNetSpec spec, int g) {
        SequentialBlock path = new SequentialBlock();
        for (int layer = 0; layer < AlexNetSpec.WIDTHS.size(); layer++) {
            int kernel = AlexNetSpec.KERNELS.get(layer);
            path.add(Conv2d.builder()
                    .setKernelShape(new Shape(kernel, kernel))
                    .optPadding(new Shape(kernel / 2, kernel / 2))
                    .setFilters(spec.groupWidth(layer, g))
                    .optBias(false) // batch norm's shift makes a convolution bias redundant
                    .build());
            path.add(BatchNorm.builder().optEpsilon(1e-5f).build());
            path.add(Activation.reluBlock());
            if (AlexNetSpec.POOL_AFTER.get(layer)) {
                path.add(Pool.maxPool2dBlock(new Shape(2, 2), new Shape(2, 2)));
            }
        }
        path.add(Blocks.batchFlattenBlock());
        return path;
    }

    /** The architecture this block was built for. */
    public AlexNetSpec spec() {
        return spec;
    }

    /** The convolution path of group {@code g} (1-based). */
    public Block path(int g) {
        return paths.get(checkGroup(g) - 1);
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

    private int checkGroup(int k) {
        if (k < 1 || k > spec.groups()) {
            throw new IllegalArgumentException("k must be in 1.." + spec.groups() + ", got " + k);
        }
        return k;
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray images = inputs.get(0);
        int k = inputs.size() > 1 ? checkGroup(inputs.get(1).toType(DataType.INT32, false).getInt())
                : spec.groups();
        NDArray logits = null;
        for (int g = 1; g <= k; g++) {
            // Only the newest group learns; the frozen ones keep their batch-norm statistics.
            boolean learn = training && g == k;
            NDArray features = paths.get(g - 1).forward(store, new NDList(images), learn).singletonOrThrow();
            NDArray part = heads.get(g - 1).forward(store, new NDList(features), learn).singletonOrThrow();
            logits = logits == null ? part : logits.add(part);
        }
        NDArray bias = store.getValue(biases.get(k - 1), images.getDevice(), training);
        return new NDList(logits.add(bias));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), spec.classes())};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape image = inputShapes[0];
        for (int g = 0; g < spec.groups(); g++) {
            paths.get(g).initialize(manager, dataType, image);
            Shape features = paths.get(g).getOutputShapes(new Shape[] {image})[0];
            heads.get(g).initialize(manager, dataType, features);
        }
    }
}
