package org.dynnd.governor.actuate;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.dynnd.governor.board.Boards;
import org.dynnd.governor.op.ComputeUnit;
import org.dynnd.governor.op.OperatingPoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ActuatorsTest {

    @TempDir
    Path root;

    /** Threads with affinities, and injected failures per thread. */
    static final class FakeThreads implements AffinitySyscalls {
        final Map<Integer, Set<Integer>> masks = new HashMap<>();
        final Map<Integer, Errno> faults = new HashMap<>();

        @Override
        public Set<Integer> get(int tid) throws KnobException {
            if (!masks.containsKey(tid)) {
                throw new KnobException("thread " + tid, Errno.ESRCH, "no such thread");
            }
            return new TreeSet<>(masks.get(tid));
        }

        @Override
        public void set(int tid, Set<Integer> cpus) throws KnobException {
            Errno e = faults.get(tid);
            if (e != null) {
                throw new KnobException("thread " + tid, e, "injected");
            }
            if (!masks.containsKey(tid)) {
                throw new KnobException("thread " + tid, Errno.ESRCH, "no such thread");
            }
            masks.put(tid, new TreeSet<>(cpus));
        }
    }

    private final List<ComputeUnit> units = Boards.odroidXu3(4).computeUnits();
    private final FakeThreads threads = new FakeThreads();
    private final List<Integer> threadCounts = new ArrayList<>();

    private Actuators actuators(FakeSysfs io) throws Exception {
        Path a7 = FakeSysfs.xu3Policy(root, "policy0", FakeSysfs.XU3_A7_FREQS, FakeSysfs.GOVERNORS_WITH_USERSPACE,
                "ondemand\n", "200000\n", "1400000\n");
        Path a15 = FakeSysfs.xu3Policy(root, "policy4", FakeSysfs.XU3_A15_FREQS,
                FakeSysfs.GOVERNORS_WITHOUT_USERSPACE, "ondemand\n", "200000\n", "2000000\n");
        Set<Integer> all = Set.of(0, 1, 2, 3, 4, 5, 6, 7);
        for (int tid : List.of(101, 102, 103)) {
            threads.masks.put(tid, new TreeSet<>(all));
        }
        return new Actuators(units, List.of(new CpufreqKnob(a7, io), new CpufreqKnob(a15, io)), threads,
                () -> List.of(101, 102, 103), threadCounts::add);
    }

    @Test
    void appliesAnOperatingPointAndRestoresEverythingExactly() throws Exception {
        Actuators act = actuators(new FakeSysfs());
        Map<Path, String> before = FakeSysfs.contents(root);
        assertThat(act.apply(new OperatingPoint(4, 1, 1800000))).isEmpty();
        assertThat(Files.readString(CpufreqKnob.policyDir(root, "policy4").resolve("scaling_max_freq")))
                .isEqualTo("1800000\n");
        assertThat(threads.masks.get(102)).containsExactly(4, 5, 6, 7);
        assertThat(act.apply(new OperatingPoint(2, 0, 1000000))).isEmpty();
        assertThat(Files.readString(CpufreqKnob.policyDir(root, "policy0").resolve("scaling_setspeed")))
                .isEqualTo("1000000\n");
        assertThat(threads.masks.get(101)).containsExactly(0, 1, 2, 3);
        assertThat(threadCounts).containsExactly(4, 4);
        assertThat(act.originalState().affinities().get(103)).containsExactly(0, 1, 2, 3, 4, 5, 6, 7);
        assertThat(act.originalState().files()).containsKey(CpufreqKnob.policyDir(root, "policy4")
                .resolve("scaling_min_freq"));

        assertThat(act.restore()).isEmpty();
        Map<Path, String> after = FakeSysfs.contents(root);
        Path setspeed = root.relativize(CpufreqKnob.policyDir(root, "policy0").resolve("scaling_setspeed"));
        before.remove(setspeed); // a kernel shows <unsupported> again once the governor is no longer userspace
        after.remove(setspeed);
        assertThat(after).isEqualTo(before);
        assertThat(threads.masks.get(101)).containsExactly(0, 1, 2, 3, 4, 5, 6, 7);
    }

    @Test
    void theUnitInferenceLeavesIdlesAtItsLowestFrequency() throws Exception {
        Actuators act = actuators(new FakeSysfs());
        assertThat(act.apply(new OperatingPoint(4, 1, 2000000))).isEmpty();
        assertThat(Files.readString(CpufreqKnob.policyDir(root, "policy4").resolve("scaling_max_freq"))).isEqualTo("2000000\n");
        assertThat(act.apply(new OperatingPoint(4, 0, 600000))).isEmpty();
        // policy4 (A15) clamps its window to the lowest frequency once the work moved to the A7s.
        assertThat(Files.readString(CpufreqKnob.policyDir(root, "policy4").resolve("scaling_max_freq"))).isEqualTo("200000\n");
        assertThat(Files.readString(CpufreqKnob.policyDir(root, "policy4").resolve("scaling_min_freq"))).isEqualTo("200000\n");
    }

    @Test
    void aRefusedWriteIsReportedAndTheKnobIsNotTouchedAgain() throws Exception {
        for (Errno errno : List.of(Errno.EACCES, Errno.EBUSY, Errno.EINVAL)) {
            FakeSysfs io = new FakeSysfs().fail("scaling_min_freq", errno);
            Actuators act = actuators(io);
            List<KnobFailure> failures = act.apply(new OperatingPoint(4, 1, 1000000));
            assertThat(failures).singleElement().satisfies(f -> {
                assertThat(f.errno()).isEqualTo(errno);
                assertThat(f.where()).endsWith("policy4/scaling_min_freq");
                assertThat(f.unit()).isEqualTo(1);
                assertThat(f.message()).contains("scaling_min_freq").contains(errno.name());
            });
            assertThat(act.frequencyAvailable(1)).isFalse();
            assertThat(act.frequencyAvailable(0)).isTrue();
            int writes = io.writes.size();
            assertThat(act.apply(new OperatingPoint(4, 1, 1200000))).isEmpty();
            assertThat(io.writes).hasSize(writes);
            assertThat(threads.masks.get(101)).containsExactly(4, 5, 6, 7); // the threads still moved
        }
    }

    @Test
    void aThreadThatCannotBeMovedMakesTheUnitUnavailable() throws Exception {
        Actuators act = actuators(new FakeSysfs());
        threads.faults.put(102, Errno.EPERM);
        List<KnobFailure> failures = act.apply(new OperatingPoint(4, 0, 1400000));
        assertThat(failures).singleElement().satisfies(f -> {
            assertThat(f.errno()).isEqualTo(Errno.EPERM);
            assertThat(f.where()).isEqualTo("thread 102");
        });
        assertThat(act.unitAvailable(0)).isFalse();
        assertThat(act.unitAvailable(1)).isTrue();
        assertThat(threadCounts).isEmpty();
    }

    @Test
    void aThreadThatEndedIsSkippedNotAFailure() throws Exception {
        Actuators act = actuators(new FakeSysfs());
        threads.masks.remove(103);
        assertThat(act.apply(new OperatingPoint(1, 1, 200000))).isEmpty();
        assertThat(act.originalState().affinities()).containsOnlyKeys(101, 102);
        assertThat(act.restore()).isEmpty();
    }

    @Test
    void theRealSystemCallsReadAndSetTheCallingThread() throws Exception {
        LibcAffinity libc = new LibcAffinity();
        int tid = libc.currentThreadId();
        Set<Integer> original = libc.get(tid);
        assertThat(original).isNotEmpty();
        int one = original.iterator().next();
        try {
            libc.set(tid, Set.of(one));
            assertThat(libc.get(tid)).containsExactly(one);
        } finally {
            libc.set(tid, original);
        }
        assertThat(libc.get(tid)).isEqualTo(original);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> libc.set(tid, Set.of()))
                .isInstanceOfSatisfying(KnobException.class, e -> assertThat(e.errno()).isEqualTo(Errno.EINVAL));
    }
}
