/**
 * INA226/INA231 and INA3221 chips read directly on a Linux I2C adapter ({@code /dev/i2c-N}), for
 * boards where no kernel driver binds them: a breakout on a Raspberry Pi or an RK3588 board.
 *
 * <p>Facts, from the TI datasheets (INA226 SBOS547, INA231 SBOS628, INA3221 SBOS576); the
 * INA3221 LSBs are corroborated by {@code boards/jetson-nano.yaml} ({@code ina3221x_iio}: bus
 * LSB 8 mV, shunt LSB 40 uV; config 0x7727) and the INA231 timing by
 * {@code boards/odroid-xu3.yaml} ({@code ina231_vendor_sysfs}: config 0x45FF gives 263808 us):
 * <ul>
 *   <li>Linux i2c-dev: {@code open("/dev/i2c-N", O_RDWR)}, then {@code ioctl(fd, I2C_SLAVE =
 *       0x0703, address)}; the ioctl fails with EBUSY when a kernel driver owns the address
 *       (I2C_SLAVE_FORCE would override it and is deliberately not used). A register is read by
 *       writing its pointer byte then reading two bytes, most significant first; written as
 *       pointer + two bytes.
 *   <li>INA226/INA231: 00h configuration (bit 15 reset; bits 11-9 averages 1/4/16/64/128/256/
 *       512/1024; bits 8-6 bus and 5-3 shunt conversion time 140/204/332/588/1100/2116/4156/
 *       8244 us; bits 2-0 mode, 111 = shunt and bus continuous), 01h shunt voltage (signed,
 *       2.5 uV/LSB), 02h bus voltage (1.25 mV/LSB), 03h power, 04h current, 05h calibration.
 *       The INA226 also has FEh manufacturer id 0x5449 ("TI") and FFh die id 0x2260; the INA231's
 *       register map ends at 07h, so its identity is checked by reading the configuration back.
 *   <li>INA3221: 00h configuration (bits 14-12 channel enables, then averages, conversion times
 *       and mode as above), channel n shunt voltage at 2n-1 and bus voltage at 2n (n = 1..3),
 *       both left-justified in bits 15-3: shunt 40 uV/LSB (signed), bus 8 mV/LSB.
 *       FEh manufacturer id 0x5449, FFh die id 0x3220.
 *   <li>Power is computed here as bus voltage x shunt voltage / shunt resistance, with the shunt
 *       resistance from configuration; the chip's own power register would depend on a
 *       calibration value that a chip reset silently loses.
 * </ul>
 */
package org.dynnd.sensors.i2c;
