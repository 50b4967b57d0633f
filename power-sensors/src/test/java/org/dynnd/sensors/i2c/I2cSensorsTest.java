package org.dynnd.sensors.i2c;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;
import org.dynnd.sensors.Plausibility;
import org.dynnd.sensors.PowerSensor;
import org.dynnd.sensors.Rail;
import org.dynnd.sensors.Readings;
import org.dynnd.sensors.SensorKind;
import org.dynnd.sensors.Status;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class I2cSensorsTest {
    private static final double W = Plausibility.DEFAULT_MAX_WATTS;

    private static I2cSensorConfig one(InaChip chip, int address, String rail, double shunt) {
        return new I2cSensorConfig(1, address, chip, List.of(new I2cSensorConfig.Channel(1, rail, shunt)),
                OptionalInt.empty());
    }

    @Test
    void ina226ChecksItsIdsConfiguresAndComputesPowerFromShuntAndBus() throws IOException {
        FakeInaBus bus = new FakeInaBus().ina226(0x40);
        PowerSensor s = I2cSensors.open(one(InaChip.INA226, 0x40, "board", 0.1), bus, W);
        assertThat(bus.get(0x40, 0x00)).isEqualTo(0x4527);
        assertThat(s.kind()).isEqualTo(SensorKind.I2C);
        assertThat(s.id()).isEqualTo("i2c:i2c-1@0x40");
        assertThat(s.refreshIntervalNanos()).isEqualTo(35_200_000L); // 16 x (1.1 + 1.1) ms
        // 50 mV over 0.1 ohm (0.5 A) at 12 V: shunt 20000 x 2.5 uV, bus 9600 x 1.25 mV
        bus.set(0x40, 0x01, 20000);
        bus.set(0x40, 0x02, 9600);
        Readings r = new Readings(1);
        s.read(r);
        assertThat(r.status(0)).isEqualTo(Status.OK);
        assertThat(r.value(0)).isCloseTo(6.0, org.assertj.core.data.Offset.offset(1e-9));
        // Reverse current: the shunt register is two's complement.
        bus.set(0x40, 0x01, -20000);
        s.read(r);
        assertThat(r.status(0)).isEqualTo(Status.NEGATIVE);
        s.close();
        assertThat(bus.closed).isTrue();
    }

    @Test
    void aChipWithTheWrongDieIdIsRefusedWithWhatWasRead() {
        FakeInaBus bus = new FakeInaBus().ina3221(0x40);
        assertThatThrownBy(() -> I2cSensors.open(one(InaChip.INA226, 0x40, "board", 0.1), bus, W))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("/dev/i2c-1 address 0x40")
                .hasMessageContaining("expected a INA226 (manufacturer id 0x5449, die id 0x2260)")
                .hasMessageContaining("read 0x5449 / 0x3220");
    }

    @Test
    void ina231HasNoIdRegistersAndIsCheckedByReadingItsConfigurationBack() throws IOException {
        FakeInaBus bus = new FakeInaBus().ina231(0x45);
        I2cSensorConfig config = new I2cSensorConfig(1, 0x45, InaChip.INA231,
                List.of(new I2cSensorConfig.Channel(1, "a7", 0.010)), OptionalInt.of(0x45FF));
        PowerSensor s = I2cSensors.open(config, bus, W);
        // The XU3's DT configuration 0x45FF: 16 averages x (8244 + 8244) us (boards/odroid-xu3.yaml).
        assertThat(s.refreshIntervalNanos()).isEqualTo(263_808_000L);
        bus.set(0x45, 0x01, 2052); // 5.13 mV over 10 mOhm = 0.513 A
        bus.set(0x45, 0x02, 810); // 1.0125 V
        Readings r = new Readings(1);
        s.read(r);
        assertThat(r.value(0)).isCloseTo(1.0125 * 0.513, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void ina3221ReadsLeftJustifiedChannels() throws IOException {
        FakeInaBus bus = new FakeInaBus().ina3221(0x41);
        I2cSensorConfig config = new I2cSensorConfig(1, 0x41, InaChip.INA3221, List.of(
                new I2cSensorConfig.Channel(1, "in", 0.1), new I2cSensorConfig.Channel(3, "cpu", 0.05)),
                OptionalInt.empty());
        PowerSensor s = I2cSensors.open(config, bus, W);
        assertThat(s.rails()).extracting(Rail::id).containsExactly("in", "cpu");
        assertThat(s.refreshIntervalNanos()).isEqualTo(105_600_000L); // 3 x 16 x 2.2 ms
        bus.set(0x41, 0x01, 500 << 3); // 20 mV: 0.2 A over 0.1 ohm
        bus.set(0x41, 0x02, 625 << 3); // 5 V
        bus.set(0x41, 0x05, 250 << 3); // 10 mV: 0.2 A over 0.05 ohm
        bus.set(0x41, 0x06, 1500 << 3); // 12 V
        Readings r = new Readings(2);
        s.read(r);
        assertThat(r.value(0)).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(r.value(1)).isCloseTo(2.4, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void anAddressOwnedByAKernelDriverIsReportedAsBusy() throws IOException {
        FakeInaBus bus = new FakeInaBus().ina226(0x40);
        PowerSensor s = I2cSensors.open(one(InaChip.INA226, 0x40, "board", 0.1), bus, W);
        bus.bindKernelDriver(0x40);
        Readings r = new Readings(1);
        s.read(r);
        assertThat(r.status(0)).isEqualTo(Status.BUSY);
        bus.failTransfers(0x40, true);
        bus.unbindKernelDriver(0x40);
        s.read(r);
        assertThat(r.status(0)).isEqualTo(Status.IO_ERROR);
        bus.failTransfers(0x40, false);
        s.read(r);
        assertThat(r.status(0)).isEqualTo(Status.OK);

        bus.bindKernelDriver(0x40);
        assertThatThrownBy(() -> I2cSensors.open(one(InaChip.INA226, 0x40, "board", 0.1), bus, W))
                .isInstanceOf(I2cBusyException.class)
                .hasMessageContaining("EBUSY").hasMessageContaining("kernel driver")
                .hasMessageContaining("/sys/bus/i2c/devices/1-0040/driver");
    }

    @Test
    void configurationMistakesAreNamed() {
        assertThatThrownBy(() -> one(InaChip.INA226, 0x40, "x", 0))
                .hasMessageContaining("shunt resistance must be > 0");
        assertThatThrownBy(() -> new I2cSensorConfig(1, 0x40, InaChip.INA226,
                List.of(new I2cSensorConfig.Channel(2, "x", 0.1)), OptionalInt.empty()))
                .hasMessageContaining("channel 2 does not exist; allowed 1..1");
        assertThatThrownBy(() -> one(InaChip.INA3221, 0x90, "x", 0.1)).hasMessageContaining("0x03..0x77");
    }

    @Test
    void theLinuxBusExplainsAMissingAdapter(@TempDir Path dir) {
        assertThatThrownBy(() -> LinuxI2cBus.open(dir.resolve("dev/i2c-7")))
                .hasMessageContaining("dev/i2c-7").hasMessageContaining("no such I2C adapter")
                .hasMessageContaining("i2c-dev");
    }

    @Test
    void theLinuxBusRefusesAFileThatIsNotAnAdapter(@TempDir Path dir) throws IOException {
        Path notAnAdapter = Files.writeString(dir.resolve("i2c-1"), "");
        try (LinuxI2cBus bus = LinuxI2cBus.open(notAnAdapter)) {
            assertThatThrownBy(() -> bus.readWord(0x40, 0xFE))
                    .hasMessageContaining("not an I2C adapter").hasMessageContaining("ENOTTY");
        }
    }
}
