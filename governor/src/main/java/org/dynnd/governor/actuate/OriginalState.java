package org.dynnd.governor.actuate;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * What the actuators found before their first change: the content of every sysfs file they may
 * write (in the order to write it back) and the affinity of every thread they moved. The daemon
 * persists it so that the hardware can be put back exactly, even after a crash.
 *
 * @param files sysfs path to its original content
 * @param affinities thread id to its original CPUs
 */
public record OriginalState(Map<Path, String> files, Map<Integer, Set<Integer>> affinities) {

    public OriginalState {
        files = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(files));
        affinities = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(affinities));
    }
}
