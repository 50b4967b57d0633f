package org.dynnd.governor.board;

import java.util.List;
import org.dynnd.governor.op.ComputeUnit;
import org.dynnd.governor.op.UnitKind;
import org.dynnd.governor.profile.GroupedAlexNetCost;

/**
 * Board model presets. Facts (frequencies, voltages, power coefficients, idle readings) are
 * copied from the project's board reference notes ({@code boards/*.yaml}, compiled from kernel
 * device trees and tools; each constant names its source below). Where the notes say a value
 * is unknown, the constant is marked ASSUMED and chosen to be plausible; the simulator's
 * results depend on those choices only in degree, not in which policy wins.
 */
public final class Boards {

    /** The names {@link #byName} accepts. */
    public static final List<String> NAMES = List.of("odroid-xu3", "jetson-nano", "x86");

    private Boards() {}

    /** The preset called {@code name} for a grouped AlexNet of {@code groups} groups. */
    public static BoardModel byName(String name, int groups) {
        return forModel(name, new GroupedAlexNetCost(groups).macs(groups));
    }

    /**
     * The board {@code name} running a model whose full width costs {@code fullModelMacs}
     * multiply-accumulates per inference (a bundle's manifest says it): its units' latencies scale
     * with that model, whatever its groups and scheme.
     */
    public static BoardModel forModel(String name, long fullModelMacs) {
        if (fullModelMacs <= 0) {
            throw new IllegalArgumentException("a model costs at least one multiply-accumulate, got " + fullModelMacs);
        }
        return switch (name) {
            case "odroid-xu3" -> odroidXu3Running(fullModelMacs);
            case "jetson-nano" -> jetsonNanoRunning(fullModelMacs);
            case "x86" -> x86HostRunning(fullModelMacs);
            default -> throw new IllegalArgumentException("unknown board '" + name + "'; known boards: " + NAMES);
        };
    }

    private static long[] mhzToKhz(int... mhz) {
        long[] khz = new long[mhz.length];
        for (int i = 0; i < mhz.length; i++) {
            khz[i] = mhz[i] * 1000L;
        }
        return khz;
    }

    private static double[] linearVolts(int count, double low, double high) {
        double[] v = new double[count];
        for (int i = 0; i < count; i++) {
            v[i] = count == 1 ? high : low + (high - low) * i / (count - 1);
        }
        return v;
    }

    /**
     * ODROID-XU3 (Exynos 5422): A7 cluster cpu0-3, A15 cluster cpu4-7.
     *
     * <p>Sources ({@code boards/odroid-xu3.yaml}): frequencies, section cpufreq.frequencies_kHz.mainline_xu3
     * (torvalds/linux exynos5420.dtsi and exynos5800.dtsi); voltages, opp.cluster_a7_effective_xu3 and
     * opp.cluster_a15_effective_xu3 (target µV of exynos5800.dtsi, non-monotonic at 1.8 GHz as in the DT);
     * C, opp.energy_model_coefficients (exynos5422-cpus.dtsi dynamic-power-coefficient 90 and 310
     * µW/MHz/V², capacity-dmips-mhz 539 and 1024).
     */
    public static BoardModel odroidXu3(int groups) {
        return odroidXu3Running(new GroupedAlexNetCost(groups).macs(groups));
    }

    private static BoardModel odroidXu3Running(long fullModelMacs) {
        long[] a7Freqs = mhzToKhz(200, 300, 400, 500, 600, 700, 800, 900, 1000, 1100, 1200, 1300, 1400);
        double[] a7Volts = {0.9, 0.9, 1.0, 1.0, 1.0, 1.0, 1.1, 1.1, 1.1, 1.25, 1.25, 1.25, 1.275};
        long[] a15Freqs = mhzToKhz(200, 300, 400, 500, 600, 700, 800, 900, 1000, 1100, 1200, 1300, 1400, 1500, 1600,
                1700, 1800, 1900, 2000);
        double[] a15Volts = {0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 1.0, 1.0, 1.0, 1.0, 1.1, 1.1, 1.1, 1.25, 1.25,
                1.2375, 1.2625, 1.3125};
        // ASSUMED: an A15 core sustains 1 MAC per cycle in the framework's fp32 convolutions; the A7
        // gets the DT capacity ratio 539/1024 of that. Overhead per inference 1 ms.
        double a15MacsPerCoreCycle = 1.0;
        double a7MacsPerCoreCycle = a15MacsPerCoreCycle * 539.0 / 1024.0;
        UnitModel a7 = new UnitModel(new ComputeUnit("a7", UnitKind.CPU_CLUSTER, List.of(0, 1, 2, 3), a7Freqs),
                a7Volts, 90, 4, 0.04, 0.03, 4 * a7MacsPerCoreCycle, 1.0); // static 0.04 W: ASSUMED
        UnitModel a15 = new UnitModel(new ComputeUnit("a15", UnitKind.CPU_CLUSTER, List.of(4, 5, 6, 7), a15Freqs),
                a15Volts, 310, 4, 0.20, 0.03, 4 * a15MacsPerCoreCycle, 1.0); // static 0.20 W: ASSUMED
        // Base: the memory and GPU INA231 rails at rest, 0.25 W together: ASSUMED (not in the notes).
        return new BoardModel("odroid-xu3", List.of(a7, a15), 0.25, fullModelMacs);
    }

    /**
     * Jetson Nano (Tegra X1): four A57 cores in one cpufreq policy and the Maxwell GPU (devfreq).
     *
     * <p>Sources ({@code boards/jetson-nano.yaml}): CPU frequencies, cpufreq.scaling_available_frequencies_kHz
     * (15 values, jetson_stats nvpmodel capture); GPU frequencies, gpu.available_frequencies_Hz.common_12;
     * base power 0.85 W from tegrastats_sample (POM_5V_IN 933 mW at rest, of which POM_5V_CPU 84 mW).
     * The notes give no voltage table and no power coefficient for the Nano: voltages ramp linearly
     * (CPU 0.82-1.12 V, GPU 0.80-1.10 V) and the coefficients give about 1.9 W for the CPU and 2.2 W for
     * the GPU at their top clocks; both ASSUMED.
     */
    public static BoardModel jetsonNano(int groups) {
        return jetsonNanoRunning(new GroupedAlexNetCost(groups).macs(groups));
    }

    private static BoardModel jetsonNanoRunning(long fullModelMacs) {
        long[] cpuFreqs = {102000, 204000, 307200, 403200, 518400, 614400, 710400, 825600, 921600, 1036800, 1132800,
            1224000, 1326000, 1428000, 1479000};
        long[] gpuFreqs = {76800, 153600, 230400, 307200, 384000, 460800, 537600, 614400, 691200, 768000, 844800,
            921600};
        UnitModel cpu = new UnitModel(new ComputeUnit("a57", UnitKind.CPU_CLUSTER, List.of(0, 1, 2, 3), cpuFreqs),
                linearVolts(cpuFreqs.length, 0.82, 1.12), 250, 4, 0.08, 0.03, 4 * 1.0, 1.0);
        // ASSUMED: 128 CUDA cores at a quarter of their peak (1 FMA each per cycle) for these small
        // convolutions, 2.5 ms of launches and copies per inference; one CPU thread drives the GPU.
        UnitModel gpu = new UnitModel(new ComputeUnit("gpu", UnitKind.GPU, List.of(0), gpuFreqs),
                linearVolts(gpuFreqs.length, 0.80, 1.10), 1970, 1, 0.05, 0.02, 128 * 0.25, 2.5);
        return new BoardModel("jetson-nano", List.of(cpu, gpu), 0.85, fullModelMacs);
    }

    /**
     * A generic four-core x86 laptop measured through RAPL's package domain. The x86 notes
     * ({@code boards/x86-rapl.yaml}) describe only the RAPL power interface, not frequencies or
     * voltages, so everything here is ASSUMED: 800-3600 MHz in 200 MHz steps, 0.70-1.20 V,
     * about 28 W dynamic at the top clock, 2 W package static, 8 MACs per core cycle (AVX2).
     */
    public static BoardModel x86Host(int groups) {
        return x86HostRunning(new GroupedAlexNetCost(groups).macs(groups));
    }

    private static BoardModel x86HostRunning(long fullModelMacs) {
        long[] freqs = new long[15];
        for (int i = 0; i < freqs.length; i++) {
            freqs[i] = (800 + 200L * i) * 1000L;
        }
        UnitModel cores = new UnitModel(new ComputeUnit("cpu", UnitKind.CPU_CLUSTER, List.of(0, 1, 2, 3), freqs),
                linearVolts(freqs.length, 0.70, 1.20), 1350, 4, 2.0, 0.02, 4 * 8.0, 0.3);
        return new BoardModel("x86", List.of(cores), 0.0, fullModelMacs);
    }
}
