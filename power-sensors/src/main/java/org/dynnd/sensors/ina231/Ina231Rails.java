package org.dynnd.sensors.ina231;

import java.util.Map;

/**
 * The XU3's INA231 address map (boards/odroid-xu3.yaml, {@code ina231.rails}): rail id and label
 * by I2C address.
 */
final class Ina231Rails {
    record Named(String id, String label) {}

    private static final Map<Integer, Named> BY_ADDRESS = Map.of(
            0x40, new Named("a15", "A15 cluster, big (VDD_ARM, sensor_arm)"),
            0x41, new Named("mem", "memory (VDD_MEM, sensor_mem)"),
            0x44, new Named("gpu", "GPU Mali-T628 (VDD_G3D, sensor_g3d)"),
            0x45, new Named("a7", "A7 cluster, LITTLE (VDD_KFC, sensor_kfc)"));

    private Ina231Rails() {}

    /** The rail of the chip at {@code address}, or a name made from the address when unknown. */
    static Named forAddress(int address, String sensorName) {
        Named known = BY_ADDRESS.get(address);
        if (known != null) {
            return known;
        }
        String id = String.format("ina231-%02x", address);
        return new Named(id, sensorName.isEmpty() ? "INA231 at 0x" + Integer.toHexString(address) : sensorName);
    }
}
