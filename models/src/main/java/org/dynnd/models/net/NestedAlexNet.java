package org.dynnd.models.net;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;

/**
 * The nested-width AlexNet, the "wider channel" scheme of earlier dynamic DNNs, built to be
 * compared with {@link GroupedAlexNet}: the same layer widths split into the same G groups,
 * but from the second convolution layer on, group g's convolution reads the outputs of all
 * groups 1..g of the layer before (concatenated along the channels), not only its own. The
 * first layer reads the image. Batch norm, ReLU, pooling, the additive classifier and the
 * training rules are the same ({@link GroupNet}), so the cross-group inputs are the only
 * difference. Group g never reads a later group, so k groups still compute nothing above k,
 * but their convolutions are wider: layer l of group g reads g/G of the previous layer.
 */
public final class NestedAlexNet extends GroupNet {

    private static final int LAYERS = AlexNetSpec.WIDTHS.size();

    public NestedAlexNet(AlexNetSpec spec) {
        super(spec, Scheme.NESTED, g -> new Group(spec, g));
    }

    /** Layer {@code layer} (0-based) of group {@code g} (1-based): convolution, batch norm, ReLU, pool. */
    public Block layer(int g, int layer) {
        return path(g).getChildren().get(layer).getValue();
    }

    @Override
    List<NDArray> features(ParameterStore store, NDArray images, int k, boolean training) {
        // earlier.get(l): the outputs of layer l of the groups run so far, concatenated.
        List<NDArray> earlier = new ArrayList<>();
        List<NDArray> features = new ArrayList<>();
        for (int g = 1; g <= k; g++) {
            NDList inputs = new NDList(images);
            inputs.addAll(earlier);
            // Only the newest group learns; the frozen ones keep their batch-norm statistics.
            NDList outputs = path(g).forward(store, inputs, training && g == k);
            for (int layer = 0; layer < LAYERS - 1; layer++) {
                NDArray own = outputs.get(layer);
                if (earlier.size() <= layer) {
                    earlier.add(own);
                } else {
                    earlier.set(layer, NDArrays.concat(new NDList(earlier.get(layer), own), 1));
                }
            }
            NDArray last = outputs.get(LAYERS - 1);
            features.add(last.reshape(last.getShape().get(0), -1));
        }
        return features;
    }

    /**
     * The convolutions of one group. Inputs: {@code NDList(images, e_1, .., e_4)} where e_l is
     * the concatenated output of layer l of the earlier groups (absent for the first group).
     * Outputs: the group's own output of each of the five layers.
     */
    private static final class Group extends AbstractBlock {

        private static final byte VERSION = 1;

        private final AlexNetSpec spec;
        private final int g;

        Group(AlexNetSpec spec, int g) {
            super(VERSION);
            this.spec = spec;
            this.g = g;
            for (int layer = 0; layer < LAYERS; layer++) {
                SequentialBlock one = new SequentialBlock();
                addLayer(one, spec, layer, g);
                addChildBlock("layer" + (layer + 1), one);
            }
        }

        private Block layer(int layer) {
            return children.get(layer).getValue();
        }

        @Override
        protected NDList forwardInternal(
                ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
            boolean first = inputs.size() == 1;
            if (!first && inputs.size() != LAYERS) {
                throw new IllegalArgumentException("group " + g + " takes the images and " + (LAYERS - 1)
                        + " earlier layer outputs, got " + inputs.size() + " arrays");
            }
            NDList outputs = new NDList();
            NDArray x = inputs.get(0);
            for (int layer = 0; layer < LAYERS; layer++) {
                if (layer > 0 && !first) {
                    x = NDArrays.concat(new NDList(inputs.get(layer), x), 1);
                }
                x = layer(layer).forward(store, new NDList(x), training).singletonOrThrow();
                outputs.add(x);
            }
            return outputs;
        }

        @Override
        public Shape[] getOutputShapes(Shape[] inputShapes) {
            Shape[] outputs = new Shape[LAYERS];
            Shape x = inputShapes[0];
            for (int layer = 0; layer < LAYERS; layer++) {
                x = layer(layer).getOutputShapes(new Shape[] {input(x, layer)})[0];
                outputs[layer] = x;
            }
            return outputs;
        }

        @Override
        protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
            Shape x = inputShapes[0];
            for (int layer = 0; layer < LAYERS; layer++) {
                Shape in = input(x, layer);
                layer(layer).initialize(manager, dataType, in);
                x = layer(layer).getOutputShapes(new Shape[] {in})[0];
            }
        }

        /** The input shape of {@code layer} given this group's own output {@code own} of the layer before. */
        private Shape input(Shape own, int layer) {
            if (layer == 0) {
                return own;
            }
            long channels = 0;
            for (int h = 1; h <= g; h++) {
                channels += spec.groupWidth(layer - 1, h);
            }
            return new Shape(own.get(0), channels, own.get(2), own.get(3));
        }
    }
}
