package org.dynnd.sensors;

/** The backends this module reads. */
public enum SensorKind {
    /** Hardkernel's INA231 sysfs driver on the Odroid XU3/XU4 ({@code /sys/bus/i2c/drivers/INA231}). */
    INA231_SYSFS,
    /** NVIDIA's L4T R32 {@code ina3221x} IIO driver (Jetson Nano, TX1, TX2). */
    INA3221_IIO,
    /** The mainline hwmon drivers {@code ina3221} and {@code ina2xx} (JetPack 5+, any board). */
    HWMON,
    /** Intel/AMD RAPL energy counters through powercap. */
    RAPL,
    /** An INA226/INA231 or INA3221 read directly on {@code /dev/i2c-N}, with no kernel driver. */
    I2C
}
