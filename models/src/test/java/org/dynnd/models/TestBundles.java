package org.dynnd.models;

import ai.djl.Model;
import ai.djl.engine.Engine;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.dynnd.models.bundle.Manifest;
import org.dynnd.models.bundle.ModelBundle;
import org.dynnd.models.bundle.TrainingSettings;
import org.dynnd.models.data.ImageSet;
import org.dynnd.models.net.AlexNetSpec;
import org.dynnd.models.net.GroupNet;
import org.dynnd.models.net.Networks;
import org.dynnd.models.net.Scheme;
import org.dynnd.models.train.Evaluation;

/** Writes small untrained bundles whose manifests hold what was really measured on them. */
public final class TestBundles {

    private TestBundles() {}

    /** A bundle of a freshly initialised grouped network with {@code groups} groups, tested on {@code test}. */
    public static Manifest write(Path folder, int groups, ImageSet test) throws IOException {
        return write(folder, Scheme.GROUPED, groups, test);
    }

    /** A bundle of a freshly initialised network of {@code scheme} with {@code groups} groups, tested on {@code test}. */
    public static Manifest write(Path folder, Scheme scheme, int groups, ImageSet test) throws IOException {
        Engine.getEngine(Networks.ENGINE).setRandomSeed(11);
        try (Model model = Networks.create("test", scheme, new AlexNetSpec(groups, test.classNames().size()))) {
            GroupNet net = Networks.net(model);
            List<Double> accuracy = new ArrayList<>();
            List<Long> bytes = new ArrayList<>();
            for (int k = 1; k <= groups; k++) {
                accuracy.add(Evaluation.accuracy(net, model.getNDManager(), test, k));
                bytes.add(net.parameterBytes(k));
            }
            TrainingSettings settings = new TrainingSettings(groups, 1, 0, 8, 0.001f, 1f, 0, 1);
            return ModelBundle.write(folder, net, new Manifest(Manifest.FORMAT_VERSION, scheme.architecture(), groups,
                    List.of(3, 32, 32), test.classNames(), new Manifest.Dataset(test.name(), 0, test.count()), accuracy,
                    null, bytes, null, null,
                    new Manifest.Training(settings, 0, 0, "2026-11-26T10:00:00Z", "PyTorch", List.of()), null, null, null));
        }
    }
}
