package org.dynnd.models.bundle;

import ai.djl.MalformedModelException;
import ai.djl.Model;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.ArrayList;
import java.util.List;
import org.dynnd.models.net.AlexNetSpec;
import org.dynnd.models.net.GroupNet;
import org.dynnd.models.net.Networks;
import org.dynnd.models.net.Scheme;

/**
 * A model bundle on disk: a folder holding the DJL parameter file of a {@link GroupNet} (grouped
 * or nested, as the manifest's architecture says) and {@code manifest.json}. {@link #write} creates one; {@link #open} checks the manifest
 * against the parameters (format, architecture, shape, digest, bytes at every k) and refuses a
 * mismatch with a message that names the file and the disagreeing values.
 */
public final class ModelBundle {

    /** Name of the manifest inside a bundle. */
    public static final String MANIFEST = "manifest.json";
    /** Name of the parameter file inside a bundle. */
    public static final String PARAMETERS = "parameters.params";

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    private ModelBundle() {}

    /** A bundle read from disk: its manifest and a model holding the checked network. */
    public record Opened(Manifest manifest, Model model) implements AutoCloseable {
        /** The network. */
        public GroupNet net() {
            return Networks.net(model);
        }

        @Override
        public void close() {
            model.close();
        }
    }

    /**
     * Writes {@code net} and {@code manifest} (its parameter name and digest are filled in
     * here) into {@code folder}, which is created if needed. Returns the manifest written.
     */
    public static Manifest write(Path folder, GroupNet net, Manifest manifest) throws IOException {
        Files.createDirectories(folder);
        Path parameters = folder.resolve(PARAMETERS);
        Networks.save(net, parameters);
        // The cost per k is the network's own, whatever the caller filled in.
        Manifest complete = manifest.withParameters(PARAMETERS, sha256(parameters)).withMacs(macs(net, manifest.groups()));
        JSON.writeValue(folder.resolve(MANIFEST).toFile(), complete);
        return complete;
    }

    /** Reads only the manifest of the bundle in {@code folder}. */
    public static Manifest manifest(Path folder) throws BundleException {
        Path file = folder.resolve(MANIFEST);
        if (!Files.isRegularFile(file)) {
            throw new BundleException(file + ": missing; a model bundle is a folder with " + MANIFEST + " and " + PARAMETERS);
        }
        Manifest manifest;
        try {
            manifest = JSON.readValue(file.toFile(), Manifest.class);
        } catch (JsonProcessingException e) {
            throw new BundleException(file + ": not a valid manifest: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new BundleException(file + ": cannot be read: " + e.getMessage(), e);
        }
        check(file, manifest);
        return manifest;
    }

    private static void check(Path file, Manifest m) throws BundleException {
        require(file, "formatVersion", m.formatVersion() == Manifest.FORMAT_VERSION, m.formatVersion(),
                String.valueOf(Manifest.FORMAT_VERSION));
        require(file, "architecture", Scheme.ofArchitecture(m.architecture()).isPresent(), m.architecture(),
                "one of " + Scheme.architectures());
        require(file, "groups", m.groups() >= 2 && m.groups() <= AlexNetSpec.MAX_GROUPS, m.groups(), "2.." + AlexNetSpec.MAX_GROUPS);
        List<Integer> shape = List.of(AlexNetSpec.CHANNELS, AlexNetSpec.SIZE, AlexNetSpec.SIZE);
        require(file, "inputShape", shape.equals(m.inputShape()), m.inputShape(), shape.toString());
        require(file, "classNames", m.classNames() != null && m.classNames().size() >= 2, m.classNames(), "at least 2 names");
        require(file, "accuracy", m.accuracy() != null && m.accuracy().size() == m.groups(), m.accuracy(),
                "one value per k = 1.." + m.groups());
        require(file, "parameterBytes", m.parameterBytes() != null && m.parameterBytes().size() == m.groups(),
                m.parameterBytes(), "one value per k = 1.." + m.groups());
        require(file, "parametersFile", PARAMETERS.equals(m.parametersFile()), m.parametersFile(), PARAMETERS);
        require(file, "parametersSha256", m.parametersSha256() != null && m.parametersSha256().matches("[0-9a-f]{64}"),
                m.parametersSha256(), "64 lower-case hex digits");
    }

    private static void require(Path file, String key, boolean ok, Object value, String allowed) throws BundleException {
        if (!ok) {
            throw new BundleException(file + ": key " + key + " is " + value + ", expected " + allowed);
        }
    }

    /** Opens the bundle in {@code folder}, checking that manifest and parameters agree. */
    public static Opened open(Path folder) throws BundleException {
        Manifest manifest = manifest(folder);
        Path parameters = folder.resolve(manifest.parametersFile());
        if (!Files.isRegularFile(parameters)) {
            throw new BundleException(parameters + ": missing; the manifest " + folder.resolve(MANIFEST) + " names it");
        }
        String digest;
        try {
            digest = sha256(parameters);
        } catch (IOException e) {
            throw new BundleException(parameters + ": cannot be read: " + e.getMessage(), e);
        }
        if (!digest.equals(manifest.parametersSha256())) {
            throw new BundleException(parameters + ": SHA-256 is " + digest + " but " + folder.resolve(MANIFEST)
                    + " says " + manifest.parametersSha256() + "; the parameters are not the ones the manifest describes");
        }
        AlexNetSpec spec = new AlexNetSpec(manifest.groups(), manifest.classNames().size());
        Scheme scheme = Scheme.ofArchitecture(manifest.architecture()).orElseThrow(); // checked by manifest()
        Model model;
        try {
            model = Networks.load(folder.getFileName() + "", scheme, spec, parameters);
        } catch (IOException | MalformedModelException | RuntimeException e) {
            throw new BundleException(parameters + ": does not hold the parameters of a " + manifest.architecture() + " with "
                    + manifest.groups() + " groups and " + manifest.classNames().size() + " classes as " + MANIFEST
                    + " says: " + e.getMessage(), e);
        }
        GroupNet net = Networks.net(model);
        for (int k = 1; k <= manifest.groups(); k++) {
            long bytes = net.parameterBytes(k);
            if (bytes != manifest.parameterBytes().get(k - 1)) {
                model.close();
                throw new BundleException(folder.resolve(MANIFEST) + ": key parameterBytes[" + (k - 1) + "] (k = " + k + ") is "
                        + manifest.parameterBytes().get(k - 1) + " but the parameters hold " + bytes + " bytes for k = " + k);
            }
        }
        try {
            manifest = withCheckedMacs(folder, manifest, net);
        } catch (BundleException e) {
            model.close();
            throw e;
        }
        return new Opened(manifest, model);
    }

    private static List<Long> macs(GroupNet net, int groups) {
        List<Long> macs = new ArrayList<>();
        for (int k = 1; k <= groups; k++) {
            macs.add(net.macs(k));
        }
        return macs;
    }

    /** The manifest's cost per k checked against the parameters, or filled in from them (a bundle older than the key). */
    private static Manifest withCheckedMacs(Path folder, Manifest manifest, GroupNet net) throws BundleException {
        List<Long> computed = macs(net, manifest.groups());
        if (manifest.macs() == null) {
            return manifest.withMacs(computed);
        }
        if (!manifest.macs().equals(computed)) {
            throw new BundleException(folder.resolve(MANIFEST) + ": key macs is " + manifest.macs() + " but the "
                    + manifest.architecture() + " of the parameters costs " + computed + " multiply-accumulates for k = 1.."
                    + manifest.groups());
        }
        return manifest;
    }

    /** SHA-256 of a file in lower-case hex. */
    public static String sha256(Path file) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides SHA-256", e);
        }
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(digest.digest());
    }

}
