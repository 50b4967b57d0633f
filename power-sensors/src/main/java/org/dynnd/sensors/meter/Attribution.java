package org.dynnd.sensors.meter;

import java.util.Map;
import java.util.Optional;

/**
 * The energy of one interval (such as one inference) broken down as the configuration describes
 * the board.
 *
 * @param t0 start, meter clock nanoseconds
 * @param t1 end
 * @param rails energy per sampled rail
 * @param units energy per compute unit (sum of its rails)
 * @param total energy of the board-total rail, when one is configured
 */
public record Attribution(long t0, long t1, Map<String, Integral> rails, Map<String, Integral> units,
        Optional<Integral> total) {}
