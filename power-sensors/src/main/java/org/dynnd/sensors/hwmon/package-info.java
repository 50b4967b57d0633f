/**
 * Current/power monitors through the mainline hwmon drivers: {@code ina3221} (Jetson Xavier and
 * Orin on JetPack 5+, any board with the chip in its device tree) and {@code ina2xx} (INA219,
 * INA226, INA230, INA231 ...; the XU3 on a mainline kernel).
 *
 * <p>Facts, from {@code boards/jetson-nano.yaml} section {@code ina3221_hwmon},
 * {@code boards/jetson-orin.yaml} section {@code ina3221} and {@code boards/odroid-xu3.yaml}
 * section {@code ina231_mainline_hwmon}:
 * <ul>
 *   <li>hwmon folders are {@code /sys/class/hwmon/hwmon<N>} (links) and, for the INA3221,
 *       {@code /sys/bus/i2c/drivers/ina3221/<bus>-00<addr>/hwmon/hwmon<N>/}; N is dynamic. Both
 *       are scanned and the same real folder is kept once. The chip is told by the {@code name}
 *       file.
 *   <li>ina3221: channels 1..3. {@code inN_label} ({@code "%s\n"}) names the rail; the file is
 *       absent when the DT input is disabled, and NVIDIA's L4T DTs label unused inputs
 *       {@code "NC"}: both are skipped. An input the DT does not describe at all has no label but
 *       stays enabled ({@code inN_enable} 1, driver source); it is named {@code <bus-addr>/inN}. {@code inN_input} is the bus voltage in mV,
 *       {@code currN_input} the current in mA ({@code "%ld\n"}); there is no power file, so power
 *       = mV * mA / 1000 mW. {@code in7} ("sum of shunt voltages") and {@code curr4} are the sum
 *       channel and are not a rail. {@code update_interval} is in ms.
 *   <li>ina2xx: {@code power1_input} in uW, {@code in1_input} bus mV, {@code curr1_input} mA,
 *       {@code update_interval} ms (ina226/230/231 only). No labels: the rail is named after the
 *       chip and its I2C device ({@code ina231@0-0040}); on an XU3 the address says which rail
 *       it is (0x40 A15, 0x41 mem, 0x44 GPU, 0x45 A7).
 *   <li>The AGX Orin has no single input rail (VDD_GPU_SOC + VDD_CPU_CV + VIN_SYS_5V0, and
 *       VDDQ_VDD2_1V8AO is inside VIN_SYS_5V0); the Orin NX/Nano's total is VDD_IN. Which rail
 *       is the total is therefore configuration, never guessed by summing.
 * </ul>
 */
package org.dynnd.sensors.hwmon;
