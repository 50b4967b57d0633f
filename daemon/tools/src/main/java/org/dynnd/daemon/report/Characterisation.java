package org.dynnd.daemon.report;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.IntToDoubleFunction;
import org.dynnd.daemon.emulation.EmulatedLatency;
import org.dynnd.daemon.emulation.LatencyDilation;
import org.dynnd.governor.board.BoardModel;
import org.dynnd.governor.op.ComputeUnit;
import org.dynnd.governor.op.OpSpace;
import org.dynnd.governor.op.OperatingPoint;
import org.dynnd.governor.profile.ModelProfile;
import org.dynnd.governor.profile.Profile;
import org.dynnd.models.runtime.DynamicModel;

/**
 * Every operating point of a model on an emulated board, measured the way the daemon's
 * emulation runs it: inferences run for real on the host, each k in turn, and each host time is
 * turned into the board's by {@link EmulatedLatency} (the board model's latency plus the host's
 * deviation from its typical time); power is the board model's busy power of the point, energy
 * per inference that power times the latency. On a real board ({@code BoardCharacterisation}) the
 * points come from the calibrated profile instead, and the host samples are the board's own.
 *
 * @param space the board's OP space for the model
 * @param hostReferenceMs the host's start-up reference latency per k (index k-1), as the daemon measures it
 * @param hostSamplesMs the host latencies measured after the reference, per k (index k-1), in the order measured
 * @param points every operating point, in the order of {@code space}
 * @param modelPoints every operating point as the board model alone has it (no host jitter), in the same order
 */
public record Characterisation(OpSpace space, double[] hostReferenceMs, double[][] hostSamplesMs, List<OpPoint> points,
        List<OpPoint> modelPoints) {

    /**
     * Measures {@code model} on the emulated {@code board}.
     *
     * @param referenceRuns inferences per k of the host reference (the daemon uses 15)
     * @param samples inferences per k whose board latencies are taken (their median)
     * @param progress where to say what is being measured
     */
    public static Characterisation measure(DynamicModel model, BoardModel board, ModelProfile profile, int referenceRuns,
            int samples, PrintStream progress) {
        progress.printf(Locale.ROOT, "host: warming up and measuring the reference latency of k=1..%d (%d runs each)%n",
                model.groups(), referenceRuns);
        double[] reference = EmulatedLatency.hostReferenceMs(model, referenceRuns);
        progress.println("host: reference ms per k " + format(reference));
        double[][] host = hostSamples(model, samples, progress);
        OpSpace space = board.opSpace(profile.ks());
        return new Characterisation(space, reference, host, points(board, profile, space, reference, host),
                modelPoints(board, profile, space));
    }

    /** The operating points of {@code space} from host samples, as {@link #measure} derives them. */
    static List<OpPoint> points(BoardModel board, ModelProfile profile, OpSpace space, double[] reference,
            double[][] host) {
        return build(board, space, profile::accuracyOf,
                i -> boardLatencyMs(board, space, profile, reference, host[space.k(i) - 1], i));
    }

    /**
     * Every point of a profile calibrated on the board: its latency (from the calibration's fit
     * t = a/f + b), its measured busy power and their product as the energy per inference.
     */
    static List<OpPoint> measured(Profile profile) {
        OpSpace space = profile.space();
        List<OpPoint> points = new ArrayList<>();
        for (int i = 0; i < space.size(); i++) {
            OperatingPoint op = space.point(i);
            ComputeUnit unit = space.unit(op.unit());
            points.add(new OpPoint(i, op.k(), unit.name(), op.frequencyKHz(), op.frequencyKHz() == unit.maxFrequencyKHz(),
                    profile.accuracyPercent(i), profile.latencyMs(i), profile.busyPowerW(i), profile.busyEnergyMj(i)));
        }
        return points;
    }

    /** The operating points of {@code space} as the board model has them: its latency, without the host's. */
    static List<OpPoint> modelPoints(BoardModel board, ModelProfile profile, OpSpace space) {
        return build(board, space, profile::accuracyOf, i -> board.latencyMs(space.point(i), profile.costOf(space.k(i))));
    }

    /**
     * Every point of {@code space} with the accuracy of its k, the latency {@code latencyMs} gives
     * for its index, the board model's busy power and their product as the energy per inference.
     */
    static List<OpPoint> build(BoardModel board, OpSpace space, IntToDoubleFunction accuracyOfK,
            IntToDoubleFunction latencyMs) {
        List<OpPoint> points = new ArrayList<>();
        for (int i = 0; i < space.size(); i++) {
            OperatingPoint op = space.point(i);
            ComputeUnit unit = space.unit(op.unit());
            double latency = latencyMs.applyAsDouble(i);
            double power = board.busyPowerW(op);
            points.add(new OpPoint(i, op.k(), unit.name(), op.frequencyKHz(), op.frequencyKHz() == unit.maxFrequencyKHz(),
                    accuracyOfK.applyAsDouble(op.k()), latency, power, power * latency));
        }
        return points;
    }

    /**
     * The median board latency of point {@code op} over the host samples of its k, as a daemon in
     * its steady state maps them: the samples pass once through a fresh dilation (its running
     * median starts from the reference, as at the daemon's start) to fill the host's typical time,
     * then once more to be mapped. On a busy host the first pass matters: a running median of a
     * few samples is far from the host's typical time, and its error would land on every point of
     * the k as a lasting offset.
     */
    static double boardLatencyMs(BoardModel board, OpSpace space, ModelProfile profile, double[] reference,
            double[] hostMs, int op) {
        LatencyDilation dilation = EmulatedLatency.dilation(board, space, profile, reference);
        for (double ms : hostMs) {
            dilation.boardMs(op, ms);
        }
        double[] boardMs = new double[hostMs.length];
        for (int i = 0; i < hostMs.length; i++) {
            boardMs[i] = dilation.boardMs(op, hostMs[i]);
        }
        return median(boardMs);
    }

    static double[][] hostSamples(DynamicModel model, int samples, PrintStream progress) {
        byte[] image = new byte[32 * 32 * 3];
        double[][] ms = new double[model.groups()][samples];
        int step = Math.max(1, samples / 4);
        for (int i = 0; i < samples; i++) {
            // Round after round over every k, as the daemon's reference: a drift of the host lands on all k alike.
            for (int k = 1; k <= model.groups(); k++) {
                long start = System.nanoTime();
                model.classify(image, k);
                ms[k - 1][i] = (System.nanoTime() - start) / 1e6;
            }
            if ((i + 1) % step == 0 || i + 1 == samples) {
                progress.printf(Locale.ROOT, "host: %d/%d inferences per k measured%n", i + 1, samples);
            }
        }
        return ms;
    }

    /** The median of {@code values} (the mean of the middle two for an even count). */
    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        if (n == 0) {
            throw new IllegalArgumentException("median of no values");
        }
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /** The host's median latency per k (index k-1) over the samples. */
    public double[] hostMedianMs() {
        return Arrays.stream(hostSamplesMs).mapToDouble(Characterisation::median).toArray();
    }

    /** The host's least latency per k (index k-1) over the samples: its compute, with the least interference. */
    public double[] hostLeastMs() {
        return Arrays.stream(hostSamplesMs).mapToDouble(s -> Arrays.stream(s).min().orElseThrow()).toArray();
    }

    /** The points of unit {@code unit} at its highest frequency, by k. */
    public List<OpPoint> atMaxFrequency(String unit) {
        return atMaxFrequency(points, unit);
    }

    /** The board model's points of unit {@code unit} at its highest frequency, by k. */
    public List<OpPoint> modelAtMaxFrequency(String unit) {
        return atMaxFrequency(modelPoints, unit);
    }

    private static List<OpPoint> atMaxFrequency(List<OpPoint> points, String unit) {
        return points.stream().filter(p -> p.unit().equals(unit) && p.maxFrequency()).toList();
    }

    private static String format(double[] ms) {
        StringBuilder s = new StringBuilder();
        for (double v : ms) {
            s.append(s.length() == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.2f", v));
        }
        return "[" + s + "]";
    }
}
