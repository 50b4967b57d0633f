package org.dynnd.models.bench;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.dynnd.models.bundle.BundleException;
import org.dynnd.models.data.DatasetException;
import org.dynnd.models.data.FashionMnist;
import org.dynnd.models.runtime.Classification;
import org.dynnd.models.runtime.DynamicModel;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Latency of one 32x32 image through {@link DynamicModel} (the predictor the daemon holds) at
 * every k, with 1 and 2 intra-op threads, on the committed grouped bundle and the nested-width
 * bundle it is compared with (same widths, group g also reads groups 1..g-1). Sample mode, so
 * JMH prints the median (p0.50). Run from the module folder:
 * {@code mvn -B -o -Pbench -pl models exec:exec -Dbench=GroupedInference}; one scheme or one
 * thread count with {@code -Dbench.args="-p bundle=zoo/alexnet-g4-fmnist -p threads=1"}.
 * The same weights in PyTorch from Python: {@code models/tools/torch_reference.py}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "-Dai.djl.offline=true")
public class GroupedInferenceBenchmark {

    @Param({"zoo/alexnet-g4-fmnist", "zoo/alexnet-g4-fmnist-nested"})
    String bundle;

    @Param({"1", "2", "3", "4"})
    int k;

    @Param({"1", "2"})
    int threads;

    private DynamicModel model;
    private float[] image;

    @Setup(Level.Trial)
    public void open() throws BundleException, DatasetException {
        model = DynamicModel.open(Path.of(bundle));
        model.setThreads(threads);
        image = new FashionMnist(Path.of("data/fashion-mnist")).test().input(0);
    }

    @Benchmark
    public Classification classify() {
        return model.classify(image, k);
    }

    @TearDown(Level.Trial)
    public void close() {
        model.close();
    }
}
