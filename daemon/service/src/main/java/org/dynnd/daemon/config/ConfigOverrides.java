package org.dynnd.daemon.config;

/**
 * Values given on the command line, which win over the file's. Each is null when not given.
 *
 * @param platform {@code --platform}
 * @param sysfsRoot {@code --sysfs-root}
 * @param socket {@code --socket}
 * @param modelBundle {@code --model}
 */
public record ConfigOverrides(String platform, String sysfsRoot, String socket, String modelBundle) {

    /** {@code config} with every given value in place, checked as strictly as the file's values. */
    public DynndConfig applyTo(DynndConfig config) throws ConfigException {
        try {
            DynndConfig result = config;
            if (platform != null || sysfsRoot != null) {
                PlatformConfig p = result.platform();
                result = result.withPlatform(new PlatformConfig(
                        option("--platform", platform, p.name()), option("--sysfs-root", sysfsRoot, p.sysfsRoot())));
            }
            if (socket != null) {
                DaemonConfig d = result.daemon();
                result = result.withDaemon(new DaemonConfig(option("--socket", socket, null), d.runtimeDir(), d.cacheDir(), d.logLevel()));
            }
            if (modelBundle != null) {
                result = result.withModel(new ModelConfig(option("--model", modelBundle, null)));
            }
            return result;
        } catch (InvalidValueException e) {
            throw new ConfigException("command line option " + optionOf(e.field()) + ": " + e.getMessage());
        }
    }

    private static String option(String name, String given, String fallback) {
        if (given == null) {
            return fallback;
        }
        // Options are given as relative paths often; the file's rule (absolute) applies to what the daemon keeps.
        if ((name.equals("--sysfs-root") || name.equals("--socket") || name.equals("--model"))
                && !given.isEmpty() && !given.equals("auto") && !given.equals("default")) {
            return java.nio.file.Path.of(given).toAbsolutePath().normalize().toString();
        }
        return given;
    }

    private static String optionOf(String field) {
        return switch (field) {
            case "name" -> "--platform";
            case "sysfs_root" -> "--sysfs-root";
            case "socket" -> "--socket";
            case "bundle" -> "--model";
            default -> field;
        };
    }
}
