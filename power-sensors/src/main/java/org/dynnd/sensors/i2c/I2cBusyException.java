package org.dynnd.sensors.i2c;

import java.io.IOException;

/** The I2C address is owned by a kernel driver (EBUSY from {@code ioctl(I2C_SLAVE)}). */
public final class I2cBusyException extends IOException {
    private static final long serialVersionUID = 1L;

    public I2cBusyException(String bus, int address) {
        super(String.format("%s address 0x%02x: busy (EBUSY), a kernel driver owns this chip; read it through "
                + "that driver instead (`dynnd sensors` lists hwmon and INA231 sysfs rails), or unbind it from "
                + "/sys/bus/i2c/devices/%s-%04x/driver", bus, address, busNumber(bus), address));
    }

    private static String busNumber(String bus) {
        int dash = bus.lastIndexOf('-');
        return dash < 0 ? "N" : bus.substring(dash + 1);
    }
}
