package org.dynnd.sensors.i2c;

/**
 * The chips this package drives, with the datasheet facts that differ between them (see
 * package-info for the sources).
 */
public enum InaChip {
    /** INA226: one channel, ID registers present. */
    INA226(1, 0x2260, 2.5e-6, 1.25e-3, 0, 0x4527),
    /** INA231: the INA226 register map without ID registers (SBOS628 ends at 07h). */
    INA231(1, -1, 2.5e-6, 1.25e-3, 0, 0x4527),
    /** INA3221: three channels, values left-justified in bits 15-3. */
    INA3221(3, 0x3220, 40e-6, 8e-3, 3, 0x7527);

    /** FEh of the INA226 and INA3221: "TI". */
    public static final int TI_MANUFACTURER_ID = 0x5449;
    static final int REG_CONFIG = 0x00;
    static final int REG_MANUFACTURER = 0xFE;
    static final int REG_DIE = 0xFF;

    private static final int[] AVERAGES = {1, 4, 16, 64, 128, 256, 512, 1024};
    private static final int[] CONVERSION_US = {140, 204, 332, 588, 1100, 2116, 4156, 8244};

    private final int channels;
    private final int dieId;
    private final double shuntVoltsPerLsb;
    private final double busVoltsPerLsb;
    private final int shift;
    private final int defaultConfig;

    InaChip(int channels, int dieId, double shuntVoltsPerLsb, double busVoltsPerLsb, int shift, int defaultConfig) {
        this.channels = channels;
        this.dieId = dieId;
        this.shuntVoltsPerLsb = shuntVoltsPerLsb;
        this.busVoltsPerLsb = busVoltsPerLsb;
        this.shift = shift;
        this.defaultConfig = defaultConfig;
    }

    /** How many channels the chip measures. */
    public int channels() {
        return channels;
    }

    /** Whether FEh/FFh hold manufacturer and die ids. */
    public boolean hasIdRegisters() {
        return dieId >= 0;
    }

    /** The die id read from FFh, or -1 when the chip has none. */
    public int dieId() {
        return dieId;
    }

    /**
     * The configuration written when none is given: continuous shunt and bus, 1.1 ms conversions,
     * 16 averages (INA226/231: 0x4527, 35.2 ms per result; INA3221 with its three channels
     * enabled: 0x7527, 105.6 ms).
     */
    public int defaultConfig() {
        return defaultConfig;
    }

    /** The shunt voltage register of {@code channel} (1-based). */
    int shuntRegister(int channel) {
        return this == INA3221 ? 2 * channel - 1 : 0x01;
    }

    /** The bus voltage register of {@code channel} (1-based). */
    int busRegister(int channel) {
        return this == INA3221 ? 2 * channel : 0x02;
    }

    /** The shunt voltage in volts of a raw register value. */
    double shuntVolts(int raw) {
        return ((short) raw >> shift) * shuntVoltsPerLsb;
    }

    /** The bus voltage in volts of a raw register value (the bus voltage is never negative). */
    double busVolts(int raw) {
        return ((raw & 0xFFFF) >> shift) * busVoltsPerLsb;
    }

    /**
     * How long one result takes with {@code config}: averages x (bus + shunt conversion time), times
     * the enabled channels for the INA3221. 263808 us for the XU3's 0x45FF; 422.4 ms for the
     * Nano's 0x7727.
     */
    public long refreshNanos(int config) {
        long averages = AVERAGES[(config >> 9) & 7];
        long busUs = CONVERSION_US[(config >> 6) & 7];
        long shuntUs = CONVERSION_US[(config >> 3) & 7];
        long enabled = this == INA3221 ? Integer.bitCount((config >> 12) & 7) : 1;
        return enabled * averages * (busUs + shuntUs) * 1000L;
    }
}
