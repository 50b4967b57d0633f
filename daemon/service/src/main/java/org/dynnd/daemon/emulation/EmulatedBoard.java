package org.dynnd.daemon.emulation;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;
import org.dynnd.daemon.platform.BoardPreset;
import org.dynnd.daemon.platform.BoardPreset.RailPreset;

/**
 * A board imitated in a folder: its sysfs tree (cpufreq, devfreq, power sensors) laid out as the
 * real drivers show it, and kept alive like a kernel would — the frequency files follow what the
 * daemon writes, and the sensor files follow the power the board model gives for those frequencies
 * and for how busy each unit is. The daemon's real sensor and actuator code runs against it
 * unchanged.
 */
public final class EmulatedBoard {

    /** Supply of the XU3's memory rail (LPDDR3 VDDQ): an assumption, the sources give none. */
    static final double MEMORY_VOLTS = 1.2;
    /** The XU3's Mali rail at its lowest OPP (177 MHz, 812.5 mV; exynos5420.dtsi gpu_opp_table). */
    static final double XU3_GPU_IDLE_VOLTS = 0.8125;
    /** The Nano's INA3221 channels all measure 5 V input rails (POM_5V_*). */
    static final double NANO_RAIL_VOLTS = 5.0;

    private final Path root;
    private final BoardPreset preset;
    private final List<EmulatedUnit> units;
    private final BoardPhysics physics;
    private final UnitActivity activity;
    private final LongSupplier nanoClock;

    private final List<CpufreqPolicyFiles> cpufreq = new ArrayList<>();
    private final List<DevfreqFiles> devfreq = new ArrayList<>();
    private final List<Ina231Files> ina231 = new ArrayList<>();
    private Ina3221IioFiles ina3221;

    private final long[] frequencyKHz;
    private final double[] extraLoad;
    private final double[] railEnergyJ;
    private final double[] lastRailW;
    private long lastTickNanos;
    private long lastSensorSampleNanos;

    public EmulatedBoard(Path root, BoardPreset preset, List<EmulatedUnit> units, BoardPhysics physics,
            UnitActivity activity, LongSupplier nanoClock) {
        this.root = root;
        this.preset = preset;
        this.units = List.copyOf(units);
        this.physics = physics;
        this.activity = activity;
        this.nanoClock = nanoClock;
        this.frequencyKHz = new long[units.size()];
        this.extraLoad = new double[units.size()];
        this.railEnergyJ = new double[preset.sensors().rails().size()];
        this.lastRailW = new double[preset.sensors().rails().size()];
    }

    /** Lays out the tree as the board boots: sensors disabled or idle, every policy at its maximum. */
    public synchronized void build() throws IOException {
        open(true);
    }

    /**
     * Takes over the tree a previous run left, as it is: a daemon that died leaves its frequencies
     * written there, and the next one must find (and restore) them, as on a real board. Builds the
     * tree when there is none.
     */
    public synchronized void reopen() throws IOException {
        open(!java.nio.file.Files.isDirectory(root.resolve("sys")));
    }

    private void open(boolean fresh) throws IOException {
        for (int u = 0; u < units.size(); u++) {
            EmulatedUnit unit = units.get(u);
            if (unit.cpu()) {
                CpufreqPolicyFiles files = new CpufreqPolicyFiles(root, unit);
                if (fresh) {
                    files.create();
                }
                cpufreq.add(files);
                devfreq.add(null);
            } else {
                DevfreqFiles files = new DevfreqFiles(root, unit);
                if (fresh) {
                    files.create();
                }
                devfreq.add(files);
                cpufreq.add(null);
            }
            frequencyKHz[u] = unit.maxKHz();
        }
        List<RailPreset> rails = preset.sensors().rails();
        switch (preset.sensors().backend()) {
            case "ina231" -> {
                for (RailPreset rail : rails) {
                    Ina231Files files = new Ina231Files(root, rail.address(), sensorName(rail), rail.maxAmps());
                    if (fresh) {
                        files.create();
                    }
                    ina231.add(files);
                }
            }
            case "ina3221-iio" -> {
                ina3221 = new Ina3221IioFiles(root, rails.stream().map(RailPreset::name).toList());
                if (fresh) {
                    ina3221.create();
                }
            }
            default -> throw new IOException("board " + preset.name() + ": cannot emulate sensor backend '"
                    + preset.sensors().backend() + "'; emulated boards have ina231 or ina3221-iio sensors");
        }
        lastTickNanos = nanoClock.getAsLong();
        lastSensorSampleNanos = lastTickNanos;
    }

    /**
     * One step of the emulated kernel: frequencies follow the files the daemon wrote, energy of
     * every rail accumulates, and the sensors publish at their drivers' own pace.
     */
    public synchronized void tick() throws IOException {
        long now = nanoClock.getAsLong();
        double seconds = Math.max(0, now - lastTickNanos) / 1e9;
        double[] busy = activity.utilizationSinceLastTick();
        double[] unitW = new double[units.size()];
        for (int u = 0; u < units.size(); u++) {
            double load = Math.min(1.0, busy[u] + extraLoad[u]);
            long khz = units.get(u).cpu() ? cpufreq.get(u).effectiveKHz(load > 0) : devfreq.get(u).effectiveKHz(load > 0);
            frequencyKHz[u] = khz;
            if (units.get(u).cpu()) {
                cpufreq.get(u).show(khz);
            } else {
                devfreq.get(u).show(khz);
            }
            unitW[u] = physics.unitPowerW(u, khz, load);
        }
        List<RailPreset> rails = preset.sensors().rails();
        for (int r = 0; r < rails.size(); r++) {
            railEnergyJ[r] += railPowerW(rails.get(r), unitW) * seconds;
        }
        lastTickNanos = now;
        if (ina3221 != null) {
            publishSample(now);
        } else if (now - lastSensorSampleNanos >= Ina231Files.UPDATE_PERIOD_US * 1000) {
            publishSample(now);
        }
    }

    /** The frequency unit {@code unit} ran at during the last tick, in kHz. */
    public synchronized long frequencyKHz(int unit) {
        return frequencyKHz[unit];
    }

    /** Work from outside the daemon on {@code unit}: a share (0..1) of its time, drawing power like inference does. */
    public synchronized void setExtraLoad(int unit, double share) {
        extraLoad[unit] = Math.max(0, Math.min(1, share));
    }

    public List<EmulatedUnit> units() {
        return units;
    }

    public Path root() {
        return root;
    }

    private void publishSample(long now) throws IOException {
        double seconds = Math.max(1e-9, (now - lastSensorSampleNanos) / 1e9);
        List<RailPreset> rails = preset.sensors().rails();
        for (int r = 0; r < rails.size(); r++) {
            lastRailW[r] = railEnergyJ[r] / seconds;
            railEnergyJ[r] = 0;
            if (ina3221 != null) {
                ina3221.sample(rails.get(r).channel(), NANO_RAIL_VOLTS, lastRailW[r]);
            } else {
                ina231.get(r).sample(railVolts(rails.get(r)), lastRailW[r]);
            }
        }
        lastSensorSampleNanos = now;
    }

    private double railPowerW(RailPreset rail, double[] unitW) {
        int unit = unitIndex(rail.unit());
        if (unit >= 0) {
            return unitW[unit];
        }
        if (rail.unit().equals("board")) {
            double total = physics.basePowerW();
            for (double w : unitW) {
                total += w;
            }
            return total;
        }
        // Rails of what is not a compute unit (memory, an unused GPU) share the base power.
        long others = preset.sensors().rails().stream()
                .filter(r -> unitIndex(r.unit()) < 0 && !r.unit().equals("board")).count();
        return physics.basePowerW() / Math.max(1, others);
    }

    private double railVolts(RailPreset rail) {
        int unit = unitIndex(rail.unit());
        if (unit >= 0) {
            return physics.unitVolts(unit, frequencyKHz[unit]);
        }
        return rail.unit().equals("memory") ? MEMORY_VOLTS : XU3_GPU_IDLE_VOLTS;
    }

    private int unitIndex(String name) {
        for (int u = 0; u < units.size(); u++) {
            if (units.get(u).name().equals(name)) {
                return u;
            }
        }
        return -1;
    }

    /** The vendor driver's sensor-name of an XU3 INA231, by address (exynos5422-odroidxu3.dts). */
    private static String sensorName(RailPreset rail) {
        return switch (rail.address()) {
            case 0x40 -> "sensor_arm";
            case 0x41 -> "sensor_mem";
            case 0x44 -> "sensor_g3d";
            case 0x45 -> "sensor_kfc";
            default -> "sensor_" + rail.name().toLowerCase(java.util.Locale.ROOT);
        };
    }
}
