package org.dynnd.sensors.i2c;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import java.io.IOException;
import java.nio.file.Path;

/** {@code /dev/i2c-N} through the i2c-dev interface, called with JNA. */
public final class LinuxI2cBus implements I2cBus {
    /** {@code I2C_SLAVE} from linux/i2c-dev.h: select the 7-bit address of later reads and writes. */
    static final long I2C_SLAVE = 0x0703;
    private static final int O_RDWR = 2;
    private static final int ENOENT = 2;
    private static final int EBUSY = 16;
    private static final int EACCES = 13;
    private static final int ENOTTY = 25;

    /** The few libc calls needed; JNA turns a -1 return into a LastErrorException with errno. */
    interface LibC extends Library {
        int open(String path, int flags) throws LastErrorException;

        int ioctl(int fd, NativeLong request, NativeLong arg) throws LastErrorException;

        NativeLong read(int fd, byte[] buffer, NativeLong count) throws LastErrorException;

        NativeLong write(int fd, byte[] buffer, NativeLong count) throws LastErrorException;

        int close(int fd) throws LastErrorException;
    }

    private static final class Holder {
        static final LibC LIBC = Native.load("c", LibC.class);
    }

    private final String name;
    private final int fd;
    private final byte[] pointer = new byte[1];
    private final byte[] word = new byte[2];
    private final byte[] write = new byte[3];
    private int selected = -1;

    private LinuxI2cBus(String name, int fd) {
        this.name = name;
        this.fd = fd;
    }

    /** Opens the adapter device {@code node}, such as {@code /dev/i2c-1} under the sysfs root. */
    public static LinuxI2cBus open(Path node) throws IOException {
        String name = node.toString();
        LibC libc;
        try {
            libc = Holder.LIBC;
        } catch (LinkageError e) {
            throw new IOException(name + ": JNA cannot load the C library to open I2C adapters ("
                    + e.getMessage() + ")", e);
        }
        try {
            return new LinuxI2cBus(name, libc.open(name, O_RDWR));
        } catch (LastErrorException e) {
            switch (e.getErrorCode()) {
                case ENOENT:
                    throw new IOException(name + ": no such I2C adapter; is the i2c-dev module loaded "
                            + "(modprobe i2c-dev) and the bus number right? (ls /dev/i2c-*)", e);
                case EACCES:
                    throw new IOException(name + ": permission denied; add the user to the group owning "
                            + "the device (often i2c) or run as root", e);
                default:
                    throw new IOException(name + ": cannot open (errno " + e.getErrorCode() + ")", e);
            }
        }
    }

    @Override
    public String name() {
        return name;
    }

    private void select(int address) throws IOException {
        if (address == selected) {
            return;
        }
        try {
            Holder.LIBC.ioctl(fd, new NativeLong(I2C_SLAVE), new NativeLong(address));
            selected = address;
        } catch (LastErrorException e) {
            if (e.getErrorCode() == EBUSY) {
                throw new I2cBusyException(name, address);
            }
            if (e.getErrorCode() == ENOTTY) {
                throw new IOException(name + ": not an I2C adapter (ioctl I2C_SLAVE: ENOTTY)", e);
            }
            throw new IOException(String.format("%s: ioctl I2C_SLAVE 0x%02x failed (errno %d)", name, address,
                    e.getErrorCode()), e);
        }
    }

    @Override
    public synchronized int readWord(int address, int register) throws IOException {
        select(address);
        pointer[0] = (byte) register;
        try {
            long written = Holder.LIBC.write(fd, pointer, new NativeLong(1)).longValue();
            long n = written == 1 ? Holder.LIBC.read(fd, word, new NativeLong(2)).longValue() : -1;
            if (n != 2) {
                throw new IOException(String.format("%s 0x%02x register 0x%02x: short transfer (wrote %d of 1, "
                        + "read %d of 2 bytes)", name, address, register, written, n));
            }
        } catch (LastErrorException e) {
            throw transferFailed(address, register, e);
        }
        return ((word[0] & 0xFF) << 8) | (word[1] & 0xFF);
    }

    @Override
    public synchronized void writeWord(int address, int register, int value) throws IOException {
        select(address);
        write[0] = (byte) register;
        write[1] = (byte) (value >>> 8);
        write[2] = (byte) value;
        try {
            long written = Holder.LIBC.write(fd, write, new NativeLong(3)).longValue();
            if (written != 3) {
                throw new IOException(String.format("%s 0x%02x register 0x%02x: short write (%d of 3 bytes)", name,
                        address, register, written));
            }
        } catch (LastErrorException e) {
            throw transferFailed(address, register, e);
        }
    }

    private IOException transferFailed(int address, int register, LastErrorException e) {
        return new IOException(String.format("%s 0x%02x register 0x%02x: transfer failed (errno %d; 6 ENXIO or "
                + "121 EREMOTEIO: no chip acknowledged at this address)", name, address, register, e.getErrorCode()), e);
    }

    @Override
    public synchronized void close() throws IOException {
        try {
            Holder.LIBC.close(fd);
        } catch (LastErrorException e) {
            throw new IOException(name + ": close failed (errno " + e.getErrorCode() + ")", e);
        }
    }
}
