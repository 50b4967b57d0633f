package org.dynnd.daemon.platform;

import java.util.List;
import org.dynnd.daemon.config.InvalidValueException;

/**
 * What the daemon must know about a board that its sysfs tree does not say: how to recognise it,
 * which sensor backend names which rail, and which cpufreq policy or devfreq device drives each
 * compute unit. One file per board in {@code config/boards/}.
 *
 * @param name the board's name, as {@code --platform} spells it
 * @param description one line for people
 * @param detect paths relative to the sysfs root that all exist on this board
 * @param boardModel the governor's board model of this board, or empty when it has none
 * @param sensors the power rails
 * @param units the compute units, in the order the governor numbers them
 */
public record BoardPreset(String name, String description, List<String> detect, String boardModel,
        SensorsPreset sensors, List<UnitPreset> units) {

    public BoardPreset {
        if (name == null || !name.matches("[a-z0-9][a-z0-9-]*")) {
            throw new InvalidValueException("name", "'" + name + "' is not a board name; allowed: lower-case letters, digits and '-'");
        }
        description = description == null ? name : description;
        detect = detect == null ? List.of() : List.copyOf(detect);
        for (String path : detect) {
            if (path.startsWith("/") || path.contains("..")) {
                throw new InvalidValueException("detect", "'" + path + "' is not a path inside the sysfs root; allowed: relative paths such as sys/bus/i2c/drivers/INA231");
            }
        }
        boardModel = boardModel == null ? "" : boardModel;
        if (sensors == null) {
            throw new InvalidValueException("sensors", "is missing; allowed: a mapping with backend, total_rail and rails");
        }
        units = units == null ? List.of() : List.copyOf(units);
        for (int i = 0; i < units.size(); i++) {
            for (int j = 0; j < i; j++) {
                if (units.get(i).name().equals(units.get(j).name())) {
                    throw new InvalidValueException("units", "unit '" + units.get(i).name() + "' is listed twice; allowed: each unit once");
                }
            }
        }
    }

    /**
     * The power rails of a board.
     *
     * @param backend {@code ina231}, {@code ina3221-iio}, {@code hwmon}, {@code rapl} or {@code auto}
     * @param totalRail the rail that measures the whole board, or empty: then the sum of the rails
     * @param rails the rails and the unit each supplies
     */
    public record SensorsPreset(String backend, String totalRail, List<RailPreset> rails) {

        public static final List<String> BACKENDS = List.of("ina231", "ina3221-iio", "hwmon", "rapl", "auto");

        public SensorsPreset {
            if (backend == null || !BACKENDS.contains(backend)) {
                throw new InvalidValueException("backend", "'" + backend + "' is not allowed; allowed: " + String.join(", ", BACKENDS));
            }
            totalRail = totalRail == null ? "" : totalRail;
            rails = rails == null ? List.of() : List.copyOf(rails);
            String total = totalRail;
            if (!total.isEmpty() && rails.stream().noneMatch(r -> r.name().equals(total))) {
                throw new InvalidValueException("total_rail", "'" + total + "' is not one of the rails listed; allowed: "
                        + String.join(", ", rails.stream().map(RailPreset::name).toList()) + " or \"\"");
            }
        }
    }

    /**
     * One rail.
     *
     * @param name the rail's name (INA231: ours; INA3221: the driver's label)
     * @param address the I2C address of an INA231, or null
     * @param channel the INA3221 channel of the iio driver (0..2), or null
     * @param unit what the rail supplies: a compute unit's name, {@code gpu}, {@code memory}, {@code board}
     * @param maxAmps the INA231's configured full scale (devicetree {@code max_A}), which sets its
     *     current resolution; null for other sensors
     */
    public record RailPreset(String name, Integer address, Integer channel, String unit, Double maxAmps) {
        public RailPreset {
            if (name == null || name.isBlank()) {
                throw new InvalidValueException("name", "a rail needs a name");
            }
            if (address != null && (address < 0x03 || address > 0x77)) {
                throw new InvalidValueException("address", "0x" + Integer.toHexString(address) + " is not a 7-bit I2C device address; allowed: 0x03 to 0x77");
            }
            if (channel != null && (channel < 0 || channel > 2)) {
                throw new InvalidValueException("channel", channel + " is not an INA3221 channel; allowed: 0, 1, 2");
            }
            unit = unit == null ? "board" : unit;
            if (maxAmps != null && !(maxAmps > 0 && maxAmps <= 100)) {
                throw new InvalidValueException("max_amps", maxAmps + " is out of range; allowed: a number above 0 up to 100");
            }
        }
    }

    /**
     * A compute unit and its frequency knob.
     *
     * @param name the unit's name, as in the governor's board model
     * @param cpufreqPolicy the cpufreq policy folder name ({@code policy4}), or null
     * @param devfreq the devfreq folder relative to the sysfs root, or null
     */
    public record UnitPreset(String name, String cpufreqPolicy, String devfreq) {
        public UnitPreset {
            if (name == null || name.isBlank()) {
                throw new InvalidValueException("name", "a unit needs a name");
            }
            if ((cpufreqPolicy == null) == (devfreq == null)) {
                throw new InvalidValueException("cpufreq_policy", "unit '" + name + "' needs exactly one of cpufreq_policy and devfreq");
            }
            if (cpufreqPolicy != null && !cpufreqPolicy.matches("policy[0-9]+")) {
                throw new InvalidValueException("cpufreq_policy", "'" + cpufreqPolicy + "' is not a cpufreq policy; allowed: policyN");
            }
        }

        /** True for a unit driven through cpufreq (a CPU cluster). */
        public boolean cpu() {
            return cpufreqPolicy != null;
        }
    }
}
