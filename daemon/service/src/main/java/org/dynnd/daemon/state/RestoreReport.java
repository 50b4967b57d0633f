package org.dynnd.daemon.state;

import java.util.List;

/**
 * What a restore did.
 *
 * @param restored files written back to their original contents
 * @param failures one line per file that could not be restored: the path and why
 */
public record RestoreReport(int restored, List<String> failures) {
    public RestoreReport {
        failures = List.copyOf(failures);
    }
}
