package org.dynnd.daemon.config;

/**
 * Which model bundle the daemon loads.
 *
 * @param bundle the bundle folder, or {@code default} for the bundle shipped with dynnd
 */
public record ModelConfig(String bundle) {

    public ModelConfig {
        bundle = bundle == null || bundle.equals("default")
                ? "default"
                : Check.absolutePathOrAuto("bundle", bundle, "default", false);
    }

    public static ModelConfig defaults() {
        return new ModelConfig(null);
    }

    /** True when the shipped bundle is meant. */
    public boolean shipped() {
        return bundle.equals("default");
    }
}
