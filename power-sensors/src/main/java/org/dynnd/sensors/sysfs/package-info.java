/**
 * Reading sysfs attributes, for every backend that has a kernel driver: the one seam to the file
 * system ({@link org.dynnd.sensors.sysfs.SysfsReader}, which tests replace to get EIO or EACCES),
 * numbers parsed from bytes without allocating ({@code "%d\n"} of hwmon, IIO and powercap,
 * {@code "%d.%06d\n"} of the INA231 vendor driver), the text attributes read once at discovery,
 * and folder listings that report rather than throw. Depends on the contract's types only, so a
 * backend of raw I2C needs none of it.
 */
package org.dynnd.sensors.sysfs;
