package org.dynnd.daemon.config;

import java.util.List;

/**
 * What only an emulated board has: scheduled interference on its compute units. A non-empty
 * schedule with a real board is refused when the daemon starts, never silently ignored.
 *
 * @param coRunner the co-runners, at most one at a time on each unit
 */
public record EmulationConfig(List<CoRunnerConfig> coRunner) {

    public EmulationConfig {
        coRunner = coRunner == null ? List.of() : List.copyOf(coRunner);
        for (int i = 0; i < coRunner.size(); i++) {
            for (int j = 0; j < i; j++) {
                CoRunnerConfig a = coRunner.get(j);
                CoRunnerConfig b = coRunner.get(i);
                if (a.unit().equals(b.unit()) && b.startS() < a.endS() && a.startS() < b.endS()) {
                    throw new InvalidValueException("co_runner", "entries " + j + " and " + i + " overlap on unit "
                            + a.unit() + "; allowed: at most one co-runner at a time on each unit");
                }
            }
        }
    }

    public static EmulationConfig defaults() {
        return new EmulationConfig(null);
    }
}
