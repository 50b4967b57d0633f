package org.dynnd.sensors.i2c;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.dynnd.sensors.ChannelPowerSensor;
import org.dynnd.sensors.Plausibility;
import org.dynnd.sensors.PowerSensor;
import org.dynnd.sensors.Quantity;
import org.dynnd.sensors.Rail;
import org.dynnd.sensors.Readings;
import org.dynnd.sensors.SensorInfo;
import org.dynnd.sensors.SensorKind;
import org.dynnd.sensors.Status;

/** Checks, configures and wraps one INA chip on an I2C bus as a {@link PowerSensor}. */
public final class I2cSensors {
    private I2cSensors() {}

    /** The device node of adapter {@code bus} under {@code root}: {@code <root>/dev/i2c-<bus>}. */
    public static Path deviceNode(Path root, int bus) {
        return root.resolve("dev/i2c-" + bus);
    }

    /**
     * Verifies the chip's identity, writes its configuration, and returns a sensor reading it.
     * Closing the sensor closes {@code bus}.
     *
     * @throws I2cBusyException when a kernel driver owns the address
     * @throws IOException when the chip does not answer or is not the configured chip
     */
    public static PowerSensor open(I2cSensorConfig config, I2cBus bus, double maxWatts) throws IOException {
        InaChip chip = config.chip();
        int address = config.address();
        String where = String.format("%s address 0x%02x", bus.name(), address);
        if (chip.hasIdRegisters()) {
            int maker = bus.readWord(address, InaChip.REG_MANUFACTURER);
            int die = bus.readWord(address, InaChip.REG_DIE);
            if (maker != InaChip.TI_MANUFACTURER_ID || die != chip.dieId()) {
                throw new IOException(String.format("%s: expected a %s (manufacturer id 0x%04x, die id 0x%04x), read "
                        + "0x%04x / 0x%04x; check the chip type and address in the configuration", where, chip,
                        InaChip.TI_MANUFACTURER_ID, chip.dieId(), maker, die));
            }
        }
        int wanted = config.config().orElse(chip.defaultConfig());
        bus.writeWord(address, InaChip.REG_CONFIG, wanted);
        int readBack = bus.readWord(address, InaChip.REG_CONFIG);
        if ((readBack & 0x7FFF) != wanted) {
            throw new IOException(String.format("%s: wrote configuration 0x%04x but read back 0x%04x; not a %s, or "
                    + "the chip does not accept writes", where, wanted, readBack, chip));
        }
        List<Rail> rails = new ArrayList<>();
        List<ChannelPowerSensor.ChannelReader> readers = new ArrayList<>();
        Path node = Path.of(bus.name());
        for (I2cSensorConfig.Channel c : config.channels()) {
            rails.add(new Rail(c.rail(), String.format("%s channel %d at %s, shunt %s ohm", chip, c.channel(), where,
                    c.shuntOhms()), Quantity.POWER, node, "register"));
            readers.add(channel(bus, chip, address, c, maxWatts));
        }
        SensorInfo info = new SensorInfo(String.format("i2c:%s@0x%02x", node.getFileName(), address),
                SensorKind.I2C, node, rails, chip.refreshNanos(wanted), 0);
        return new ChannelPowerSensor(info, readers, bus::close);
    }

    private static ChannelPowerSensor.ChannelReader channel(I2cBus bus, InaChip chip, int address,
            I2cSensorConfig.Channel c, double maxWatts) {
        int shuntRegister = chip.shuntRegister(c.channel());
        int busRegister = chip.busRegister(c.channel());
        double shuntOhms = c.shuntOhms();
        return (Readings out, int slot) -> {
            try {
                double shuntVolts = chip.shuntVolts(bus.readWord(address, shuntRegister));
                double busVolts = chip.busVolts(bus.readWord(address, busRegister));
                Plausibility.power(out, slot, busVolts * shuntVolts / shuntOhms, maxWatts);
            } catch (I2cBusyException e) {
                out.fail(slot, Status.BUSY);
            } catch (IOException | RuntimeException e) {
                out.fail(slot, Status.IO_ERROR);
            }
        };
    }
}
