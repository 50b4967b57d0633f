/**
 * Finds every power sensor under a sysfs root: the INA231 vendor driver, the INA3221 IIO driver,
 * hwmon INA3221/INA2xx chips, RAPL zones, and the raw-I2C chips the configuration names.
 */
package org.dynnd.sensors.discovery;
