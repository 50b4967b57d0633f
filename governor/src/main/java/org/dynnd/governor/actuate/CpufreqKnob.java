package org.dynnd.governor.actuate;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The clock of one cpufreq policy ({@code <root>/sys/devices/system/cpu/cpufreq/policy<N>/}).
 * With the {@code userspace} governor available it selects that governor and writes
 * {@code scaling_setspeed} (as POET does); otherwise it pins the clock by writing the same
 * frequency to {@code scaling_min_freq} and {@code scaling_max_freq}, in the order that never
 * asks the kernel for min above max (which it refuses with EINVAL). Only frequencies listed in
 * {@code scaling_available_frequencies} are ever written.
 */
public final class CpufreqKnob implements FrequencyKnob {

    private static final String USERSPACE = "userspace";

    private final Path dir;
    private final SysfsIo io;
    private long[] available;
    private Boolean userspace;

    /** @param policyDir the policy's directory, for example {@code root/sys/devices/system/cpu/cpufreq/policy4} */
    public CpufreqKnob(Path policyDir, SysfsIo io) {
        this.dir = policyDir;
        this.io = io;
    }

    /** The policy directory of {@code policy} under the sysfs {@code root}. */
    public static Path policyDir(Path root, String policy) {
        return root.resolve("sys/devices/system/cpu/cpufreq").resolve(policy);
    }

    @Override
    public String describe() {
        return "cpufreq " + dir.getFileName();
    }

    private Path file(String name) {
        return dir.resolve(name);
    }

    /**
     * The frequencies the policy lists, or — for drivers that list none (intel_pstate,
     * amd-pstate: no {@code scaling_available_frequencies}, and they take any limit in range) —
     * a ladder from {@code cpuinfo_min_freq} to {@code cpuinfo_max_freq} in whole 100 MHz steps,
     * at most {@value #MAX_LADDER} of them, ends included.
     */
    @Override
    public long[] availableKHz() throws KnobException {
        if (available == null) {
            Path p = file("scaling_available_frequencies");
            String listed;
            try {
                listed = io.read(p);
            } catch (KnobException e) {
                if (e.errno() != Errno.ENOENT) {
                    throw e;
                }
                listed = null;
            }
            available = listed != null ? FrequencyLists.parse(p, listed, 1)
                    : FrequencyLists.ladder(FrequencyLists.parseOne(file("cpuinfo_min_freq"), io.read(file("cpuinfo_min_freq"))),
                            FrequencyLists.parseOne(file("cpuinfo_max_freq"), io.read(file("cpuinfo_max_freq"))), MAX_LADDER);
        }
        return available.clone();
    }

    /** How many frequencies a policy that lists none is given (each one costs calibration time). */
    static final int MAX_LADDER = 12;

    private boolean userspace() throws KnobException {
        if (userspace == null) {
            Path p = file("scaling_available_governors");
            boolean listed;
            try {
                listed = List.of(io.read(p).strip().split("\\s+")).contains(USERSPACE);
            } catch (KnobException e) {
                if (e.errno() != Errno.ENOENT) {
                    throw e;
                }
                listed = false;
            }
            userspace = listed;
        }
        return userspace;
    }

    @Override
    public void set(long frequencyKHz) throws KnobException {
        FrequencyLists.requireAvailable(availableKHz(), frequencyKHz, describe());
        String value = frequencyKHz + "\n";
        if (userspace()) {
            Path governor = file("scaling_governor");
            if (!io.read(governor).strip().equals(USERSPACE)) {
                io.write(governor, USERSPACE + "\n");
            }
            io.write(file("scaling_setspeed"), value);
            return;
        }
        writeMinMax(frequencyKHz + "\n", frequencyKHz + "\n");
    }

    private void writeMinMax(String min, String max) throws KnobException {
        FrequencyLists.writeMinMax(io, file("scaling_min_freq"), file("scaling_max_freq"), min, max);
    }

    @Override
    public Map<Path, String> snapshot() throws KnobException {
        Map<Path, String> state = new LinkedHashMap<>();
        Path governor = file("scaling_governor");
        String g = io.read(governor);
        state.put(governor, g);
        state.put(file("scaling_min_freq"), io.read(file("scaling_min_freq")));
        state.put(file("scaling_max_freq"), io.read(file("scaling_max_freq")));
        if (g.strip().equals(USERSPACE)) {
            state.put(file("scaling_setspeed"), io.read(file("scaling_setspeed")));
        }
        return state;
    }

    @Override
    public void restore(Map<Path, String> snapshot) throws KnobException {
        Path governor = file("scaling_governor");
        if (snapshot.containsKey(governor)) {
            io.write(governor, snapshot.get(governor));
        }
        Path minFile = file("scaling_min_freq");
        Path maxFile = file("scaling_max_freq");
        if (snapshot.containsKey(minFile) && snapshot.containsKey(maxFile)) {
            writeMinMax(snapshot.get(minFile), snapshot.get(maxFile));
        }
        Path setspeed = file("scaling_setspeed");
        if (snapshot.containsKey(setspeed)) {
            io.write(setspeed, snapshot.get(setspeed));
        }
    }
}
