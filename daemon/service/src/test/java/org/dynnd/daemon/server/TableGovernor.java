package org.dynnd.daemon.server;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.dynnd.daemon.service.ClientBudget;
import org.dynnd.governor.control.Objective;
import org.dynnd.daemon.service.ChosenPoint;
import org.dynnd.daemon.service.GovernorPort;
import org.dynnd.daemon.service.OperatingPointInfo;
import org.dynnd.daemon.service.Prediction;
import org.dynnd.daemon.service.TelemetrySample;

/**
 * A governor for tests: a fixed table of operating points with their predictions. It chooses
 * like a real one would (the best objective among the points meeting every constraint, else the
 * fastest point) and records every applied budget.
 */
public final class TableGovernor implements GovernorPort {

    /** Four points: more groups are slower, costlier and more accurate. */
    public static final Map<OperatingPointInfo, Prediction> TABLE = Map.of(
            new OperatingPointInfo(1, "a15", 2_000_000, 0), new Prediction(5, 10, 2.0, 60),
            new OperatingPointInfo(2, "a15", 2_000_000, 0), new Prediction(10, 20, 2.0, 70),
            new OperatingPointInfo(3, "a15", 2_000_000, 0), new Prediction(20, 40, 2.0, 80),
            new OperatingPointInfo(4, "a15", 2_000_000, 0), new Prediction(40, 80, 2.0, 90));

    public final List<ClientBudget> applied = new CopyOnWriteArrayList<>();
    public volatile boolean failApply;
    public volatile boolean healthy = true;
    public volatile OperatingPointInfo current = new OperatingPointInfo(4, "a15", 2_000_000, 0);

    @Override
    public ChosenPoint evaluate(ClientBudget budget) {
        List<Map.Entry<OperatingPointInfo, Prediction>> feasible = new ArrayList<>();
        for (Map.Entry<OperatingPointInfo, Prediction> e : TABLE.entrySet()) {
            Prediction p = e.getValue();
            if ((budget.latencyMs() == null || p.latencyMs() <= budget.latencyMs())
                    && (budget.energyMj() == null || p.energyMj() <= budget.energyMj())
                    && (budget.powerW() == null || p.powerW() <= budget.powerW())
                    && (budget.minAccuracy() == null || p.accuracy() >= budget.minAccuracy())) {
                feasible.add(e);
            }
        }
        Comparator<Map.Entry<OperatingPointInfo, Prediction>> better = budget.objective() == Objective.MIN_ENERGY
                ? Comparator.comparingDouble(e -> -e.getValue().energyMj())
                : Comparator.comparingDouble(e -> e.getValue().accuracy());
        if (feasible.isEmpty()) {
            OperatingPointInfo fastest = TABLE.keySet().stream().min(Comparator.comparingInt(OperatingPointInfo::groups)).orElseThrow();
            return new ChosenPoint(false, fastest, TABLE.get(fastest));
        }
        Map.Entry<OperatingPointInfo, Prediction> best = feasible.stream().max(better).orElseThrow();
        return new ChosenPoint(true, best.getKey(), best.getValue());
    }

    @Override
    public ChosenPoint apply(ClientBudget budget) {
        if (failApply) {
            throw new IllegalStateException("actuator refused");
        }
        applied.add(budget);
        ChosenPoint d = evaluate(budget);
        current = d.op();
        return d;
    }

    @Override
    public List<OperatingPointInfo> operatingPoints() {
        return TABLE.keySet().stream().sorted(Comparator.comparingInt(OperatingPointInfo::groups)).toList();
    }

    @Override
    public TelemetrySample sample() {
        return sample(System.currentTimeMillis(), current);
    }

    /** A sample with fixed measurements at {@code op}. */
    public static TelemetrySample sample(long timeMillis, OperatingPointInfo op) {
        return new TelemetrySample(timeMillis, op, 12, 9.5, 11.25, Map.of("a15", 1.5, "mem", 0.25), 2.0, 20.0,
                70.0, 3, List.of());
    }

    @Override
    public boolean healthy() {
        return healthy;
    }
}
