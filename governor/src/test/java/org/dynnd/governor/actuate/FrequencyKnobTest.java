package org.dynnd.governor.actuate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FrequencyKnobTest {

    @TempDir
    Path root;

    @Test
    void readsTheAvailableFrequenciesWithTheKernelsTrailingSpace() throws Exception {
        Path dir = FakeSysfs.xu3Policy(root, "policy4", FakeSysfs.XU3_A15_FREQS, FakeSysfs.GOVERNORS_WITH_USERSPACE,
                "ondemand\n", "200000\n", "2000000\n");
        long[] freqs = new CpufreqKnob(dir, new FakeSysfs()).availableKHz();
        assertThat(freqs).hasSize(19).startsWith(200000).endsWith(2000000);
    }

    /**
     * intel_pstate lists no frequencies and offers only performance and powersave; it takes any
     * limit within cpuinfo's range (e.g. 400 MHz to 4.7 GHz on a recent laptop).
     */
    @Test
    void aPolicyThatListsNoFrequenciesGetsALadderOverItsRangeAndIsClamped() throws Exception {
        Path dir = CpufreqKnob.policyDir(root, "policy0");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("cpuinfo_min_freq"), "400000\n");
        Files.writeString(dir.resolve("cpuinfo_max_freq"), "4700000\n");
        Files.writeString(dir.resolve("scaling_available_governors"), "performance powersave\n");
        Files.writeString(dir.resolve("scaling_governor"), "powersave\n");
        Files.writeString(dir.resolve("scaling_min_freq"), "400000\n");
        Files.writeString(dir.resolve("scaling_max_freq"), "4700000\n");
        CpufreqKnob knob = new CpufreqKnob(dir, new FakeSysfs());
        long[] freqs = knob.availableKHz();
        assertThat(freqs).hasSize(CpufreqKnob.MAX_LADDER).startsWith(400000).endsWith(4700000).isSorted();
        assertThat(java.util.Arrays.stream(freqs).map(f -> f % 100_000)).containsOnly(0L);
        assertThat(freqs[1]).isEqualTo(800000); // 400 + 4300/11 = 790.9 MHz, rounded to 800
        knob.set(freqs[3]);
        assertThat(Files.readString(dir.resolve("scaling_min_freq"))).isEqualTo(freqs[3] + "\n");
        assertThat(Files.readString(dir.resolve("scaling_max_freq"))).isEqualTo(freqs[3] + "\n");
        assertThat(Files.readString(dir.resolve("scaling_governor"))).isEqualTo("powersave\n");
    }

    @Test
    void aLadderOverANarrowRangeHasNoRepeats() {
        assertThat(FrequencyLists.ladder(1_000_000, 1_200_000, 12)).containsExactly(1_000_000, 1_100_000, 1_200_000);
        assertThat(FrequencyLists.ladder(1_500_000, 1_500_000, 12)).containsExactly(1_500_000);
    }

    @Test
    void usesTheUserspaceGovernorAndSetspeedWhereAvailable() throws Exception {
        Path dir = FakeSysfs.xu3Policy(root, "policy4", FakeSysfs.XU3_A15_FREQS, FakeSysfs.GOVERNORS_WITH_USERSPACE,
                "ondemand\n", "200000\n", "2000000\n");
        Map<Path, String> before = FakeSysfs.contents(root);
        FakeSysfs io = new FakeSysfs();
        CpufreqKnob knob = new CpufreqKnob(dir, io);
        Map<Path, String> snapshot = knob.snapshot();
        knob.set(1400000);
        assertThat(Files.readString(dir.resolve("scaling_governor"))).isEqualTo("userspace\n");
        assertThat(Files.readString(dir.resolve("scaling_setspeed"))).isEqualTo("1400000\n");
        knob.set(900000);
        assertThat(io.writes).containsExactly("scaling_governor=userspace", "scaling_setspeed=1400000",
                "scaling_setspeed=900000");
        knob.restore(snapshot);
        // setspeed is not restored (the original governor was not userspace, so it reads <unsupported> again on a
        // kernel); every file the knob owns is back.
        Map<Path, String> after = FakeSysfs.contents(root);
        after.remove(root.relativize(dir.resolve("scaling_setspeed")));
        before.remove(root.relativize(dir.resolve("scaling_setspeed")));
        assertThat(after).isEqualTo(before);
    }

    @Test
    void clampsMinAndMaxInAnOrderTheKernelAcceptsWithoutUserspace() throws Exception {
        Path dir = FakeSysfs.xu3Policy(root, "policy0", FakeSysfs.XU3_A7_FREQS, FakeSysfs.GOVERNORS_WITHOUT_USERSPACE,
                "ondemand\n", "200000\n", "1400000\n");
        Map<Path, String> before = FakeSysfs.contents(root);
        FakeSysfs io = new FakeSysfs();
        CpufreqKnob knob = new CpufreqKnob(dir, io);
        Map<Path, String> snapshot = knob.snapshot();
        knob.set(600000);
        knob.set(1300000); // above the current max: max must go first
        knob.set(200000);
        assertThat(io.writes).containsExactly("scaling_min_freq=600000", "scaling_max_freq=600000",
                "scaling_max_freq=1300000", "scaling_min_freq=1300000", "scaling_min_freq=200000",
                "scaling_max_freq=200000");
        knob.restore(snapshot);
        assertThat(FakeSysfs.contents(root)).isEqualTo(before);
    }

    @Test
    void refusesAFrequencyThatIsNotAvailable() throws Exception {
        Path dir = FakeSysfs.xu3Policy(root, "policy0", FakeSysfs.XU3_A7_FREQS, FakeSysfs.GOVERNORS_WITH_USERSPACE,
                "ondemand\n", "200000\n", "1400000\n");
        assertThatThrownBy(() -> new CpufreqKnob(dir, new FakeSysfs()).set(1500000))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1500000");
    }

    @Test
    void reportsEachErrnoWithThePath() throws Exception {
        Path dir = FakeSysfs.xu3Policy(root, "policy4", FakeSysfs.XU3_A15_FREQS, FakeSysfs.GOVERNORS_WITH_USERSPACE,
                "ondemand\n", "200000\n", "2000000\n");
        for (var c : new Object[][] {{"scaling_setspeed", Errno.EACCES}, {"scaling_governor", Errno.EBUSY}}) {
            Files.writeString(dir.resolve("scaling_governor"), "ondemand\n");
            CpufreqKnob knob = new CpufreqKnob(dir, new FakeSysfs().fail((String) c[0], (Errno) c[1]));
            assertThatThrownBy(() -> knob.set(1000000)).isInstanceOfSatisfying(KnobException.class, e -> {
                assertThat(e.errno()).isEqualTo(c[1]);
                assertThat(e.where()).isEqualTo(dir.resolve((String) c[0]).toString());
            });
        }
        Path clampDir = FakeSysfs.xu3Policy(root, "policy0", FakeSysfs.XU3_A7_FREQS,
                FakeSysfs.GOVERNORS_WITHOUT_USERSPACE, "ondemand\n", "200000\n", "1400000\n");
        CpufreqKnob clamp = new CpufreqKnob(clampDir, new FakeSysfs().fail("scaling_max_freq", Errno.EINVAL));
        assertThatThrownBy(() -> clamp.set(1000000)).isInstanceOfSatisfying(KnobException.class,
                e -> assertThat(e.errno()).isEqualTo(Errno.EINVAL));
    }

    @Test
    void mapsTheJdksMessagesToErrnos() throws Exception {
        Path missing = root.resolve("no/such/file");
        assertThatThrownBy(() -> SysfsIo.FILES.write(missing, "1\n")).isInstanceOfSatisfying(KnobException.class,
                e -> assertThat(e.errno()).isEqualTo(Errno.ENOENT));
        assertThat(SysfsIo.errnoOf(new java.nio.file.FileSystemException("f", null, "Device or resource busy")))
                .isEqualTo(Errno.EBUSY);
        assertThat(SysfsIo.errnoOf(new java.nio.file.FileSystemException("f", null, "Invalid argument")))
                .isEqualTo(Errno.EINVAL);
        assertThat(SysfsIo.errnoOf(new java.nio.file.AccessDeniedException("f"))).isEqualTo(Errno.EACCES);
    }

    @Test
    void pinsTheNanoGpuThroughDevfreqInHz() throws Exception {
        Path dir = FakeSysfs.nanoGpu(root);
        Map<Path, String> before = FakeSysfs.contents(root);
        DevfreqKnob knob = new DevfreqKnob(dir, new FakeSysfs());
        assertThat(knob.availableKHz()).hasSize(12).startsWith(76800).endsWith(921600);
        Map<Path, String> snapshot = knob.snapshot();
        knob.set(460800);
        assertThat(Files.readString(dir.resolve("min_freq"))).isEqualTo("460800000\n");
        assertThat(Files.readString(dir.resolve("max_freq"))).isEqualTo("460800000\n");
        knob.set(844800);
        assertThat(Files.readString(dir.resolve("min_freq"))).isEqualTo("844800000\n");
        knob.restore(snapshot);
        assertThat(FakeSysfs.contents(root)).isEqualTo(before);
    }

    @Test
    void aMalformedListIsAnErrorNamingTheFile() throws Exception {
        Path dir = FakeSysfs.xu3Policy(root, "policy0", "200000 fast \n", FakeSysfs.GOVERNORS_WITH_USERSPACE,
                "ondemand\n", "200000\n", "1400000\n");
        assertThatThrownBy(() -> new CpufreqKnob(dir, new FakeSysfs()).availableKHz())
                .isInstanceOf(KnobException.class).hasMessageContaining("scaling_available_frequencies")
                .hasMessageContaining("fast");
    }
}
