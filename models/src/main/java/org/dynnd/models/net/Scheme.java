package org.dynnd.models.net;

import java.util.Arrays;
import java.util.Optional;
import java.util.function.Function;

/**
 * How the groups of a {@link GroupNet} are wired, with the architecture name bundle manifests
 * record for it.
 */
public enum Scheme {
    /** {@link GroupedAlexNet}: every group reads the image only (group convolution). */
    GROUPED("grouped-alexnet-32x32", GroupedAlexNet::new),
    /** {@link NestedAlexNet}: group g also reads groups 1..g-1 of the layer before. */
    NESTED("nested-alexnet-32x32", NestedAlexNet::new);

    private final String architecture;
    private final Function<AlexNetSpec, GroupNet> build;

    Scheme(String architecture, Function<AlexNetSpec, GroupNet> build) {
        this.architecture = architecture;
        this.build = build;
    }

    /** The architecture name in {@code manifest.json}. */
    public String architecture() {
        return architecture;
    }

    /** The lower-case name used on the command line and as the network name in training reports. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** A fresh, uninitialised network of this scheme. */
    public GroupNet build(AlexNetSpec spec) {
        return build.apply(spec);
    }

    /** The scheme whose manifest architecture name is {@code architecture}, if any. */
    public static Optional<Scheme> ofArchitecture(String architecture) {
        return Arrays.stream(values()).filter(s -> s.architecture.equals(architecture)).findFirst();
    }

    /** Every architecture name, for error messages. */
    public static String architectures() {
        return String.join(", ", Arrays.stream(values()).map(Scheme::architecture).toList());
    }
}
