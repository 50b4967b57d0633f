package org.dynnd.governor.actuate;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.IntConsumer;
import java.util.function.Supplier;
import org.dynnd.governor.op.ComputeUnit;
import org.dynnd.governor.op.OperatingPoint;

/**
 * Puts operating points into effect: the unit's clock through its {@link FrequencyKnob}, the
 * inference threads onto the unit's CPUs, and the intra-op thread count to the unit's core
 * count. Before the first change it records the original state of everything it may touch
 * ({@link #originalState()}), and {@link #restore()} puts it back. A knob that fails is reported
 * with its path and errno and not used again; nothing throws, so a refused write never takes
 * the daemon down. The caller tells the controller ({@code pinFrequency}, {@code markUnitUnavailable}).
 */
public final class Actuators {

    private final List<ComputeUnit> units;
    private final List<FrequencyKnob> knobs;
    private final AffinitySyscalls affinity;
    private final Supplier<List<Integer>> inferenceThreads;
    private final IntConsumer intraOpThreads;
    private final boolean[] frequencyUsable;
    private final boolean[] affinityUsable;
    private final Map<Integer, Map<Path, String>> snapshots = new LinkedHashMap<>();
    private final Map<Integer, Set<Integer>> originalAffinity = new LinkedHashMap<>();
    private boolean recorded;
    private int currentUnit = -1;

    /**
     * @param units the compute units, indexed like the OP space
     * @param knobs each unit's clock, or null where the unit's clock cannot be set
     * @param affinity the affinity system calls
     * @param inferenceThreads the thread ids that run inference (the Java thread and the native
     *     worker threads), asked afresh at every change because pools grow
     * @param intraOpThreads sets the intra-op thread count of the thread that runs inference
     */
    public Actuators(List<ComputeUnit> units, List<FrequencyKnob> knobs, AffinitySyscalls affinity,
            Supplier<List<Integer>> inferenceThreads, IntConsumer intraOpThreads) {
        if (units.size() != knobs.size()) {
            throw new IllegalArgumentException("one frequency knob (or null) per unit: " + units.size() + " units, "
                    + knobs.size() + " knobs");
        }
        this.units = List.copyOf(units);
        this.knobs = new ArrayList<>(knobs);
        this.affinity = affinity;
        this.inferenceThreads = inferenceThreads;
        this.intraOpThreads = intraOpThreads;
        this.frequencyUsable = new boolean[units.size()];
        this.affinityUsable = new boolean[units.size()];
        for (int u = 0; u < units.size(); u++) {
            frequencyUsable[u] = knobs.get(u) != null;
            affinityUsable[u] = true;
        }
    }

    /** Whether the clock of {@code unit} can still be set. */
    public boolean frequencyAvailable(int unit) {
        return frequencyUsable[unit];
    }

    /** Whether inference can still be moved onto {@code unit}. */
    public boolean unitAvailable(int unit) {
        return affinityUsable[unit];
    }

    /** Applies {@code op}; returns the knobs that failed now (each is then marked unavailable). */
    public List<KnobFailure> apply(OperatingPoint op) {
        List<KnobFailure> failures = new ArrayList<>();
        if (!recorded) {
            recordFrequencies(failures);
            recorded = true;
        }
        int u = op.unit();
        if (frequencyUsable[u]) {
            try {
                knobs.get(u).set(op.frequencyKHz());
            } catch (KnobException e) {
                fail(failures, u, knobs.get(u).describe(), e);
                frequencyUsable[u] = false;
            }
        }
        if (affinityUsable[u]) {
            moveThreads(u, failures);
        }
        if (u != currentUnit && affinityUsable[u]) {
            intraOpThreads.accept(units.get(u).coreCount());
            parkAtLowestFrequency(currentUnit, failures);
            currentUnit = u;
        }
        return failures;
    }

    /**
     * The unit inference leaves idles at its lowest frequency: the board models (and so the
     * profiles) assume it, and a cluster left at its top clock would keep drawing the idle power
     * of that clock against the power budget of the unit that now runs.
     */
    private void parkAtLowestFrequency(int unit, List<KnobFailure> failures) {
        if (unit < 0 || !frequencyUsable[unit]) {
            return;
        }
        try {
            knobs.get(unit).set(units.get(unit).minFrequencyKHz());
        } catch (KnobException e) {
            fail(failures, unit, knobs.get(unit).describe(), e);
            frequencyUsable[unit] = false;
        }
    }

    private void recordFrequencies(List<KnobFailure> failures) {
        for (int u = 0; u < units.size(); u++) {
            if (!frequencyUsable[u]) {
                continue;
            }
            try {
                snapshots.put(u, knobs.get(u).snapshot());
            } catch (KnobException e) {
                // A knob whose state cannot be read cannot be restored either: leave it alone.
                fail(failures, u, knobs.get(u).describe(), e);
                frequencyUsable[u] = false;
            }
        }
    }

    private void moveThreads(int u, List<KnobFailure> failures) {
        Set<Integer> cpus = new TreeSet<>(units.get(u).cpus());
        for (int tid : inferenceThreads.get()) {
            try {
                if (!originalAffinity.containsKey(tid)) {
                    originalAffinity.put(tid, affinity.get(tid));
                }
                affinity.set(tid, cpus);
            } catch (KnobException e) {
                if (e.errno() == Errno.ESRCH) {
                    originalAffinity.remove(tid); // the thread ended; nothing to move or restore
                    continue;
                }
                fail(failures, u, "affinity", e);
                affinityUsable[u] = false;
                return;
            }
        }
    }

    private static void fail(List<KnobFailure> failures, int unit, String knob, KnobException e) {
        failures.add(new KnobFailure(unit, knob, e.where(), e.errno(), e.getMessage()));
    }

    /** What was there before the first change (empty before it). */
    public OriginalState originalState() {
        Map<Path, String> files = new LinkedHashMap<>();
        snapshots.values().forEach(files::putAll);
        return new OriginalState(files, originalAffinity);
    }

    /** Writes the original state back; returns what could not be restored. */
    public List<KnobFailure> restore() {
        List<KnobFailure> failures = new ArrayList<>();
        for (Map.Entry<Integer, Map<Path, String>> e : snapshots.entrySet()) {
            FrequencyKnob knob = knobs.get(e.getKey());
            try {
                knob.restore(e.getValue());
            } catch (KnobException ex) {
                fail(failures, e.getKey(), knob.describe(), ex);
            }
        }
        for (Map.Entry<Integer, Set<Integer>> e : originalAffinity.entrySet()) {
            try {
                affinity.set(e.getKey(), e.getValue());
            } catch (KnobException ex) {
                if (ex.errno() != Errno.ESRCH) {
                    fail(failures, -1, "affinity", ex);
                }
            }
        }
        return failures;
    }
}
