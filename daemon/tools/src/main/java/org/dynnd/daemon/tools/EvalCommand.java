package org.dynnd.daemon.tools;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.dynnd.daemon.cli.DynndTool;
import org.dynnd.daemon.cli.UserErrorException;
import org.dynnd.daemon.report.MemoryFootprint;
import org.dynnd.models.bundle.BundleException;
import org.dynnd.models.bundle.Manifest;
import org.dynnd.models.bundle.ModelBundle;
import org.dynnd.models.data.DataSource;
import org.dynnd.models.data.DatasetException;
import org.dynnd.models.data.ImageSet;
import org.dynnd.models.eval.BundleEvaluation;
import org.dynnd.models.eval.ReferenceExport;
import org.dynnd.models.eval.WidthReport;
import org.dynnd.models.net.AlexNetSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code dynnd eval}: top-1 accuracy and single-image latency of a model bundle at every k. */
@Command(
        name = "eval",
        mixinStandardHelpOptions = true,
        description = "Print the top-1 test accuracy and the mean single-image latency of a model bundle at every k.")
public final class EvalCommand implements Callable<Integer>, DynndTool {

    @Mixin
    BundleOption bundle;

    @Option(names = "--data", paramLabel = "DATA",
            description = "test data: fashion-mnist, fashion-mnist:DIR, cifar10:DIR or DIR (default: the bundle's data set)")
    String data;

    @Option(names = "--latency-images", defaultValue = "100",
            description = "single-image inferences timed per k (default: ${DEFAULT-VALUE})")
    int latencyImages;

    @Mixin
    ThreadsOption threadsOption;

    @Option(names = "--json", description = "print JSON instead of a table")
    boolean json;

    @Option(names = "--export", paramLabel = "DIR",
            description = "also write the weights, test inputs and logits as float32 files for models/tools/torch_reference.py")
    Path export;

    @Option(names = "--export-images", defaultValue = "64", description = "test images written by --export (default: ${DEFAULT-VALUE})")
    int exportImages;

    @Override
    public Integer call() throws IOException {
        Path folder = bundle.folder();
        int threads = threadsOption.apply();
        if (latencyImages < 0) {
            throw new UserErrorException("--latency-images must not be negative, got " + latencyImages);
        }
        try {
            Manifest manifest = ModelBundle.manifest(folder);
            String spec = data != null ? data : manifest.dataset().source();
            ImageSet test = DataSource.parse(spec, ModelOptions.systemFashionMnist()).test();
            List<WidthReport> reports = new BundleEvaluation(System::nanoTime).evaluate(folder, test, latencyImages, threads);
            print(folder, manifest, test, reports);
            if (export != null) {
                ReferenceExport.export(folder, test, exportImages, export);
                System.err.println("exported weights, " + Math.min(exportImages, test.count()) + " inputs and their logits to " + export);
            }
        } catch (BundleException | DatasetException e) {
            throw new UserErrorException(e.getMessage(), e);
        }
        return 0;
    }

    private void print(Path folder, Manifest manifest, ImageSet test, List<WidthReport> reports) throws IOException {
        if (json) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("model", folder.toString());
            out.put("data", test.name());
            out.put("testImages", test.count());
            out.put("architecture", manifest.architecture());
            out.put("groups", manifest.groups());
            out.put("denseAccuracy", manifest.denseAccuracy());
            out.put("widths", reports);
            out.put("separateModelsBytes", AlexNetSpec.separateModelsBytes(manifest.groups(), manifest.classNames().size()));
            System.out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(out));
            return;
        }
        System.out.printf("%s on %s (%d images)%n", folder, test.name(), test.count());
        System.out.printf("%3s %10s %10s %12s %12s %12s%n", "k", "accuracy", "manifest", "mean ms", "median ms", "param bytes");
        for (WidthReport r : reports) {
            System.out.printf("%3d %9.2f%% %9.2f%% %12.3f %12.3f %12d%n", r.k(), r.accuracy(), r.manifestAccuracy(),
                    r.meanLatencyMs(), r.medianLatencyMs(), r.parameterBytes());
        }
        if (manifest.denseAccuracy() != null) {
            System.out.printf("dense reference (manifest): %.2f%%%n", manifest.denseAccuracy());
        }
        MemoryFootprint memory = MemoryFootprint.of(manifest);
        System.out.printf("parameter bytes: one %s model %d, %d separate models of widths 1/%d..%d/%d %d (%.2fx)%n",
                manifest.architecture(), memory.groupedBytes(), manifest.groups(), manifest.groups(), manifest.groups(),
                manifest.groups(), memory.separateModelsBytes(), memory.ratio());
    }
}
