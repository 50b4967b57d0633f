package org.dynnd.sensors.i2c;

import java.io.IOException;

/**
 * A Linux I2C adapter as the INA chips need it: 16-bit registers, most significant byte first.
 * The real one is {@link LinuxI2cBus}; tests use a fake holding datasheet register values.
 */
public interface I2cBus extends AutoCloseable {

    /** A name for messages, such as {@code /dev/i2c-1}. */
    String name();

    /**
     * Reads the 16-bit register {@code register} of the chip at 7-bit {@code address}.
     *
     * @throws I2cBusyException when a kernel driver owns {@code address}
     * @throws IOException when the transfer fails (no acknowledge, EIO)
     */
    int readWord(int address, int register) throws IOException;

    /** Writes {@code value} (0..0xFFFF) to register {@code register} of the chip at {@code address}. */
    void writeWord(int address, int register, int value) throws IOException;

    @Override
    void close() throws IOException;
}
