package org.dynnd.daemon.budget;

import org.dynnd.daemon.server.TableGovernor;
import org.dynnd.daemon.service.ClientBudget;
import org.dynnd.governor.control.Objective;

/** An arbitration of many leases whose every number takes its longest printed form, for reply-size tests. */
public final class CrowdedArbitration {

    private CrowdedArbitration() {}

    /**
     * {@code leases} leases: the first needs the most accurate point; the odd ones with short
     * latencies conflict with it, so both the sources and the overridden leases are many.
     */
    public static Arbitration of(int leases) {
        Arbiter arbiter = new Arbiter(new TableGovernor());
        arbiter.set(Long.MAX_VALUE - leases, Integer.MIN_VALUE, new ClientBudget(null, null, null, 85.12345678901234, Objective.MIN_ENERGY), 1000);
        for (int i = 0; i < leases - 1; i++) {
            double odd = 1.2345678901234567E-5 + i;
            ClientBudget b = i % 2 == 0
                    ? new ClientBudget(3599999.123456789 - i, 9999999.123456789, 9999.123456789012, 0.012345678901234567, Objective.MIN_ENERGY)
                    : new ClientBudget(odd, odd, odd, 99.12345678901234, Objective.MAX_ACCURACY);
            arbiter.set(Long.MAX_VALUE - i, Integer.MIN_VALUE, b, -1000 + i % 2);
        }
        return arbiter.current();
    }
}
