/**
 * INA3221 through NVIDIA's L4T R32 {@code ina3221x} IIO driver: Jetson Nano, TX1 and TX2 on
 * JetPack 4 ({@code nvidia/drivers/staging/iio/meter/ina3221.c}, not the mainline hwmon driver).
 *
 * <p>Facts, from {@code boards/jetson-nano.yaml} section {@code ina3221x_iio}:
 * <ul>
 *   <li>Device folder {@code /sys/bus/i2c/drivers/ina3221x/<bus>-00<addr>/iio:device<N>/};
 *       6-0040 and iio:device0 on the Nano, but like energymon every {@code <bus-addr>} and every
 *       {@code iio:device*} is walked.
 *   <li>Channels 0..2. {@code in_powerN_input} is in mW, {@code in_currentN_input} mA,
 *       {@code in_voltageN_input} mV, all {@code "%d\n"}; power = mV * mA / 1000 computed by the
 *       driver. Only the power file is read.
 *   <li>{@code rail_name_N} ({@code "%s\n"}) is mode 0600: a daemon not running as root cannot
 *       read the names. The rails are then named {@code <bus-addr>/chN} and the configuration can
 *       name them explicitly. On the Nano: 0 POM_5V_IN (module input, the board total),
 *       1 POM_5V_GPU, 2 POM_5V_CPU (some NVIDIA docs say VDD_*; sysfs says POM_5V_*).
 *   <li>Each read converts under a mutex (slow, and may fail with EAGAIN/EIO). In continuous mode
 *       the config register is 0x7727: three channels, 64 averages, 1.1 ms bus and 1.1 ms shunt
 *       conversions, so results change every 3 x 64 x 2.2 ms = 422.4 ms (inferred from the
 *       datasheet conversion table; not observed on a board).
 * </ul>
 */
package org.dynnd.sensors.ina3221;
