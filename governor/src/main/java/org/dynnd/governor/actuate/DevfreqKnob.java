package org.dynnd.governor.actuate;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The clock of a devfreq device (a GPU), pinned by writing the same frequency to
 * {@code min_freq} and {@code max_freq} in the order the kernel accepts. devfreq speaks Hz;
 * this knob speaks kHz like the rest of the governor.
 */
public final class DevfreqKnob implements FrequencyKnob {

    private final Path dir;
    private final SysfsIo io;
    private long[] available;

    /** @param devfreqDir the device's devfreq directory, for example {@code .../devfreq/57000000.gpu} */
    public DevfreqKnob(Path devfreqDir, SysfsIo io) {
        this.dir = devfreqDir;
        this.io = io;
    }

    @Override
    public String describe() {
        return "devfreq " + dir.getFileName();
    }

    @Override
    public long[] availableKHz() throws KnobException {
        if (available == null) {
            Path p = dir.resolve("available_frequencies");
            available = FrequencyLists.parse(p, io.read(p), 1000);
        }
        return available.clone();
    }

    @Override
    public void set(long frequencyKHz) throws KnobException {
        FrequencyLists.requireAvailable(availableKHz(), frequencyKHz, describe());
        String hz = frequencyKHz * 1000 + "\n";
        writeMinMax(hz, hz);
    }

    private void writeMinMax(String min, String max) throws KnobException {
        FrequencyLists.writeMinMax(io, dir.resolve("min_freq"), dir.resolve("max_freq"), min, max);
    }

    @Override
    public Map<Path, String> snapshot() throws KnobException {
        Map<Path, String> state = new LinkedHashMap<>();
        state.put(dir.resolve("min_freq"), io.read(dir.resolve("min_freq")));
        state.put(dir.resolve("max_freq"), io.read(dir.resolve("max_freq")));
        return state;
    }

    @Override
    public void restore(Map<Path, String> snapshot) throws KnobException {
        writeMinMax(snapshot.get(dir.resolve("min_freq")), snapshot.get(dir.resolve("max_freq")));
    }
}
