/**
 * INA231 power sensors of the Odroid XU3/XU4, read through Hardkernel's out-of-tree sysfs driver
 * ({@code drivers/hardkernel/ina231-sysfs.c}, vendor kernels 3.10, 4.9, 4.14; not mainline).
 *
 * <p>Facts, from {@code boards/odroid-xu3.yaml} sections {@code ina231} and
 * {@code ina231_vendor_sysfs}:
 * <ul>
 *   <li>One device folder per chip: {@code /sys/bus/i2c/drivers/INA231/<bus>-00<addr>/}. The bus
 *       number depends on the kernel (3 on Hardkernel 3.10, 0 on 4.9/4.14, 4 on the XU+E), so it
 *       is never hard-coded: every entry of the driver folder is listed and matched by address.
 *   <li>Address to rail: 0x40 A15 cluster (VDD_ARM, big), 0x41 memory (VDD_MEM), 0x44 GPU
 *       Mali-T628 (VDD_G3D), 0x45 A7 cluster (VDD_KFC, LITTLE). One third-party header swaps
 *       0x44/0x45; the kernel DT, board files and energymon agree on this map.
 *   <li>{@code sensor_W}, {@code sensor_A}, {@code sensor_V}: mode 0444, format
 *       {@code "%d.%06d\n"} in W, A, V (e.g. {@code "0.518144\n"}). Power is computed by the
 *       driver as mV*mA in integer arithmetic.
 *   <li>{@code enable}: 0644, {@code "0\n"} at boot. While 0 the values read {@code 0.000000};
 *       any non-zero integer enables. Writing needs root. energymon enables before reading.
 *   <li>{@code update_period}: 0444, {@code "%d usec\n"}, {@code "263808 usec\n"} by default
 *       ((8244 + 8244) us x 16 averages). Reads return the value cached by the driver's timer;
 *       reading faster only repeats it.
 *   <li>There is no whole-board sensor: the four rails are SoC rails only.
 * </ul>
 */
package org.dynnd.sensors.ina231;
