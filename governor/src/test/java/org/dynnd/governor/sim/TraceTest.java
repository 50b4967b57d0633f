package org.dynnd.governor.sim;

import org.dynnd.governor.baseline.Comparison;
import org.dynnd.governor.board.Boards;
import org.dynnd.governor.control.ControllerConfig;
import org.dynnd.governor.control.Decision;
import org.dynnd.governor.control.Observation;
import org.dynnd.governor.profile.GroupedAlexNetCost;
import org.junit.jupiter.api.Test;

class TraceTest {
    @Test
    void trace() {
        Scenario s = Scenarios.powerCap(1500);
        Simulator sim = new Simulator(Boards.byName(System.getProperty("board", "odroid-xu3"), 4),
                new GroupedAlexNetCost(4).profile("grouped-alexnet", "1", Scenarios.ACCURACY), s);
        Comparison c = new Comparison(sim, 42, ControllerConfig.defaults());
        for (String name : new String[] {"dynnd", "oracle", "alert"}) {
            Policy inner = c.create(name);
            Policy traced = new Policy() {
                int p;
                public String name() { return name; }
                public Decision decide(Observation last, PeriodTruth truth) {
                    Decision d = inner.decide(last, truth);
                    if (p % 100 == 50 || (p > 495 && p < 510)) {
                        System.out.printf("%s p%d %s / %s x=%.2f pw=%.3f acc=%.2f meas=%.3f cap=%.3f%n", name, p,
                                sim.space().point(d.primary()), d.secondary() < 0 ? "-" : sim.space().point(d.secondary()),
                                d.primaryShare(), d.predictedPowerW(), d.predictedAccuracy(), last.powerW(), last.budget().powerW());
                    }
                    p++;
                    return d;
                }
            };
            sim.run(traced, 42);
        }
    }
}
