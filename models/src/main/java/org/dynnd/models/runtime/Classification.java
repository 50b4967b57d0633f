package org.dynnd.models.runtime;

import java.util.Arrays;

/**
 * The answer of one inference.
 *
 * @param k the number of groups that ran
 * @param index the predicted class index
 * @param label the predicted class name
 * @param probability the softmax probability of the predicted class
 * @param logits the raw scores of every class
 */
public record Classification(int k, int index, String label, double probability, float[] logits) {

    public Classification {
        logits = logits.clone();
    }

    @Override
    public float[] logits() {
        return logits.clone();
    }

    /** Builds the classification of {@code logits} with the class names {@code labels}. */
    static Classification of(int k, float[] logits, java.util.List<String> labels) {
        int best = 0;
        for (int i = 1; i < logits.length; i++) {
            if (logits[i] > logits[best]) {
                best = i;
            }
        }
        double sum = 0;
        for (float logit : logits) {
            sum += Math.exp(logit - logits[best]);
        }
        return new Classification(k, best, labels.get(best), 1.0 / sum, logits);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Classification c && c.k == k && c.index == index && c.label.equals(label)
                && c.probability == probability && Arrays.equals(c.logits, logits);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * k + index) + Arrays.hashCode(logits);
    }

    @Override
    public String toString() {
        return "Classification[k=" + k + ", " + label + " (" + index + "), p=" + probability + "]";
    }
}
