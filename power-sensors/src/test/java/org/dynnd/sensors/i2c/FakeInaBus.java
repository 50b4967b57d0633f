package org.dynnd.sensors.i2c;

import java.io.IOException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * An I2C bus holding INA chips as register files, with the power-on values of their datasheets:
 * configuration 0x4127 (INA226/INA231) or 0x7127 (INA3221), FEh 0x5449 and FFh the die id where
 * the chip has them. A register the chip does not have is not acknowledged.
 */
final class FakeInaBus implements I2cBus {
    private final Map<Integer, Map<Integer, Integer>> chips = new HashMap<>();
    private final Set<Integer> busy = new HashSet<>();
    private final Set<Integer> failing = new HashSet<>();
    boolean closed;

    FakeInaBus ina226(int address) {
        chips.put(address, new HashMap<>(Map.of(0x00, 0x4127, 0x01, 0, 0x02, 0, 0x03, 0, 0x04, 0, 0x05, 0,
                0x06, 0, 0x07, 0, 0xFE, 0x5449, 0xFF, 0x2260)));
        return this;
    }

    FakeInaBus ina231(int address) {
        chips.put(address, new HashMap<>(Map.of(0x00, 0x4127, 0x01, 0, 0x02, 0, 0x03, 0, 0x04, 0, 0x05, 0,
                0x06, 0, 0x07, 0)));
        return this;
    }

    FakeInaBus ina3221(int address) {
        Map<Integer, Integer> regs = new HashMap<>();
        for (int r = 0; r <= 0x11; r++) {
            regs.put(r, 0);
        }
        regs.put(0x00, 0x7127);
        regs.put(0xFE, 0x5449);
        regs.put(0xFF, 0x3220);
        chips.put(address, regs);
        return this;
    }

    void set(int address, int register, int value) {
        chips.get(address).put(register, value & 0xFFFF);
    }

    int get(int address, int register) {
        return chips.get(address).get(register);
    }

    /** A kernel driver binds {@code address}: selecting it fails with EBUSY. */
    void bindKernelDriver(int address) {
        busy.add(address);
    }

    void unbindKernelDriver(int address) {
        busy.remove(address);
    }

    void failTransfers(int address, boolean fail) {
        if (fail) {
            failing.add(address);
        } else {
            failing.remove(address);
        }
    }

    @Override
    public String name() {
        return "/dev/i2c-1";
    }

    private Map<Integer, Integer> chip(int address, int register) throws IOException {
        if (busy.contains(address)) {
            throw new I2cBusyException(name(), address);
        }
        Map<Integer, Integer> regs = chips.get(address);
        if (regs == null || failing.contains(address) || !regs.containsKey(register)) {
            throw new IOException(String.format("%s 0x%02x register 0x%02x: no acknowledge", name(), address, register));
        }
        return regs;
    }

    @Override
    public int readWord(int address, int register) throws IOException {
        return chip(address, register).get(register);
    }

    @Override
    public void writeWord(int address, int register, int value) throws IOException {
        // The reset bit (15) of the configuration register clears itself.
        chip(address, register).put(register, register == 0 ? value & 0x7FFF : value & 0xFFFF);
    }

    @Override
    public void close() {
        closed = true;
    }
}
