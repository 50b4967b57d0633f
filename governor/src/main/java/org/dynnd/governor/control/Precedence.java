package org.dynnd.governor.control;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

/**
 * The order in which constraints give way when a budget is infeasible. By default the power cap
 * is kept longest (it protects the supply and the thermals), then
 * latency, then energy, then accuracy. When no operating point meets all constraints, the
 * controller drops the last constraint of this order, chooses among the points that meet the
 * others the one that violates the dropped one least, and reports it unmet; if still nothing
 * fits it drops the next one, and so on.
 *
 * @param order every constraint exactly once, most important first
 */
public record Precedence(List<Constraint> order) {

    /** Power, latency, energy, accuracy. */
    public static final Precedence DEFAULT =
            new Precedence(List.of(Constraint.POWER, Constraint.LATENCY, Constraint.ENERGY, Constraint.ACCURACY));

    public Precedence {
        order = List.copyOf(order);
        if (order.size() != Constraint.values().length || !EnumSet.copyOf(order).equals(EnumSet.allOf(Constraint.class))) {
            throw new IllegalArgumentException("a precedence must list each of " + List.of(Constraint.values())
                    + " exactly once, got " + order);
        }
    }

    /** Parses a comma-separated list such as {@code power,latency,energy,accuracy}. */
    public static Precedence parse(String text) {
        List<Constraint> list = new ArrayList<>();
        for (String part : text.split(",")) {
            String name = part.strip().toUpperCase(java.util.Locale.ROOT);
            try {
                list.add(Constraint.valueOf(name));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown constraint '" + part.strip()
                        + "' in precedence; allowed: power, latency, energy, accuracy");
            }
        }
        return new Precedence(list);
    }
}
