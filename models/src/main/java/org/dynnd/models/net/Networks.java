package org.dynnd.models.net;

import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Creating grouped and nested networks inside DJL models on the PyTorch engine, and their parameter files. */
public final class Networks {

    /** The engine every network of this project runs on. */
    public static final String ENGINE = "PyTorch";

    private Networks() {}

    /** A model holding a freshly initialised grouped network of {@code spec}. */
    public static Model create(String name, AlexNetSpec spec) {
        return create(name, Scheme.GROUPED, spec);
    }

    /** A model holding a freshly initialised network of {@code spec} wired as {@code scheme}. */
    public static Model create(String name, Scheme scheme, AlexNetSpec spec) {
        Model model = Model.newInstance(name, ENGINE);
        GroupNet net = scheme.build(spec);
        model.setBlock(net);
        net.initialize(model.getNDManager(), DataType.FLOAT32, new Shape(1, AlexNetSpec.CHANNELS, AlexNetSpec.SIZE, AlexNetSpec.SIZE));
        return model;
    }

    /**
     * A model holding a network of {@code spec} wired as {@code scheme} with the parameters read
     * from {@code file}.
     */
    public static Model load(String name, Scheme scheme, AlexNetSpec spec, Path file)
            throws IOException, MalformedModelException {
        Model model = Model.newInstance(name, ENGINE);
        GroupNet net = scheme.build(spec);
        model.setBlock(net);
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            net.loadParameters(model.getNDManager(), in);
            if (in.read() != -1) {
                throw new MalformedModelException(file + ": longer than the parameters of a " + scheme.label()
                        + " network of " + spec);
            }
        } catch (IOException | MalformedModelException | RuntimeException e) {
            model.close();
            throw e;
        }
        return model;
    }

    /** The network of a model made by this class. */
    public static GroupNet net(Model model) {
        return (GroupNet) model.getBlock();
    }

    /** Writes the parameters of {@code net} to {@code file}, atomically (a crash leaves the old file). */
    public static void save(GroupNet net, Path file) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(tmp)))) {
            net.saveParameters(out);
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
