package org.dynnd.models.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.Trainer;
import ai.djl.training.listener.TrainingListener.BatchData;
import ai.djl.training.listener.TrainingListenerAdapter;

/** Accumulates the mean loss and the top-1 accuracy of the training batches of one epoch. */
final class EpochStatistics extends TrainingListenerAdapter {

    private double lossSum;
    private long correct;
    private long seen;

    @Override
    public void onTrainingBatch(Trainer trainer, BatchData batchData) {
        for (var entry : batchData.getPredictions().entrySet()) {
            NDList predictions = entry.getValue();
            NDList labels = batchData.getLabels().get(entry.getKey());
            NDArray label = labels.head();
            long size = label.getShape().get(0);
            lossSum += trainer.getLoss().evaluate(labels, predictions).getFloat() * size;
            correct += predictions.head().argMax(1).toType(label.getDataType(), false).eq(label).sum().getLong();
            seen += size;
        }
    }

    double loss() {
        return seen == 0 ? Double.NaN : lossSum / seen;
    }

    double accuracy() {
        return seen == 0 ? Double.NaN : 100.0 * correct / seen;
    }
}
