package org.dynnd.governor.actuate;

import java.util.Map;

/** A unit's clock: a cpufreq policy or a devfreq device. */
public interface FrequencyKnob {

    /** The frequencies the knob accepts, ascending, in kHz. */
    long[] availableKHz() throws KnobException;

    /** Sets the frequency, one of {@link #availableKHz()}. */
    void set(long frequencyKHz) throws KnobException;

    /** The content of every file {@link #set} may write, before any write. */
    Map<java.nio.file.Path, String> snapshot() throws KnobException;

    /** Writes a {@link #snapshot()} back, in an order the kernel accepts. */
    void restore(Map<java.nio.file.Path, String> snapshot) throws KnobException;

    /** What the knob is, for messages. */
    String describe();
}
