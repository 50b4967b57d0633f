package org.dynnd.daemon.scenario;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import org.dynnd.governor.baseline.FamilyComparison;
import org.dynnd.governor.sim.RunFigures;
import org.dynnd.governor.sim.Spread;

/**
 * The table {@code dynnd simulate --family} prints: per figure, per policy, the median, 90th
 * percentile and worst over the family's scenarios. Each figure stands alone; there is no
 * combined ranking.
 */
public final class FamilyTable {

    private FamilyTable() {}

    /** Prints {@code result}'s spreads of {@code policies}. */
    public static void print(PrintWriter out, FamilyComparison result, List<String> policies) {
        for (int f = 0; f < RunFigures.NAMES.size(); f++) {
            out.printf(Locale.ROOT, "%s%n", RunFigures.NAMES.get(f));
            out.printf(Locale.ROOT, "  %-22s %10s %10s %10s%n", "policy", "median", "p90", "worst");
            for (String p : policies) {
                Spread s = result.spread(p, f);
                out.printf(Locale.ROOT, "  %-22s %10.3f %10.3f %10.3f%n", p, s.median(), s.p90(), s.worst());
            }
        }
        out.println("Every figure counts every period (settling windows too); higher is worse for each. accuracy loss"
                + " = the oracle's mean accuracy minus the policy's; periods to reuse a unit: after an interference ends,"
                + " until every unit the oracle then uses runs most of a period's inferences again.");
    }
}
