package org.dynnd.daemon.config;

import java.util.List;

/**
 * Which board dynnd runs on and where its hardware files are.
 *
 * @param name {@code auto} (detect from the sysfs tree), a board name, or {@code emulated:BOARD}
 * @param sysfsRoot the folder every hardware file is read and written under; {@code /} on a real board
 */
public record PlatformConfig(String name, String sysfsRoot) {

    /** The boards dynnd knows; each has a preset in {@code config/boards/}. */
    public static final List<String> BOARDS = List.of("odroid-xu3", "jetson-nano", "jetson-orin", "generic");

    /** Boards that can be emulated on any machine. */
    public static final List<String> EMULATED_BOARDS = List.of("odroid-xu3", "jetson-nano");

    /** Every value {@code name} may take. */
    public static final List<String> NAMES = names();

    public PlatformConfig {
        name = Check.oneOf("name", name, "auto", NAMES);
        sysfsRoot = Check.absolutePathOrAuto("sysfs_root", sysfsRoot, "/", false);
    }

    public static PlatformConfig defaults() {
        return new PlatformConfig(null, null);
    }

    /** True when the board is emulated on this machine rather than real. */
    public boolean emulated() {
        return name.startsWith("emulated:");
    }

    private static List<String> names() {
        var all = new java.util.ArrayList<String>();
        all.add("auto");
        all.addAll(BOARDS);
        EMULATED_BOARDS.forEach(b -> all.add("emulated:" + b));
        return List.copyOf(all);
    }
}
