package org.dynnd.daemon.inference;

import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;
import org.dynnd.daemon.control.LatencyLedger;
import org.dynnd.daemon.control.OperatingPointPlan;
import org.dynnd.daemon.control.OperatingPointSwitch;
import org.dynnd.daemon.control.Points;
import org.dynnd.daemon.emulation.LatencyDilation;
import org.dynnd.daemon.emulation.UnitActivity;
import org.dynnd.daemon.service.DecodedImage;
import org.dynnd.daemon.service.InferenceException;
import org.dynnd.daemon.service.InferenceResult;
import org.dynnd.daemon.service.InferenceService;
import org.dynnd.governor.op.OpSpace;
import org.dynnd.models.runtime.Classification;
import org.dynnd.models.runtime.DynamicModel;

/**
 * Inference with the grouped model at the operating point the governor planned: the point's k
 * is the forward pass's argument, its unit and frequency are put in force first. Each inference's
 * latency goes to the control loop; its energy is the measured power of the board over the latest
 * period times the inference's latency (a single inference is shorter than the sensors' refresh).
 */
public final class ModelInference implements InferenceService {

    private final DynamicModel model;
    private final String modelName;
    private final OpSpace space;
    private final OperatingPointPlan plan;
    private final OperatingPointSwitch switcher;
    private final LatencyLedger ledger;
    private final LatencyDilation dilation;
    private final UnitActivity activity;
    private final DoubleSupplier boardPowerW;
    private final LongSupplier nanoClock;

    public ModelInference(DynamicModel model, String modelName, OpSpace space, OperatingPointPlan plan, OperatingPointSwitch switcher,
            LatencyLedger ledger, LatencyDilation dilation, UnitActivity activity, DoubleSupplier boardPowerW,
            LongSupplier nanoClock) {
        this.model = model;
        this.modelName = modelName;
        this.space = space;
        this.plan = plan;
        this.switcher = switcher;
        this.ledger = ledger;
        this.dilation = dilation;
        this.activity = activity;
        this.boardPowerW = boardPowerW;
        this.nanoClock = nanoClock;
    }

    @Override
    public String modelName() {
        return modelName;
    }

    @Override
    public InferenceResult classify(DecodedImage image) throws InferenceException {
        byte[] pixels = ImageFitting.fit(image);
        int op = switcher.use(plan.next());
        int unit = space.unitOf(op);
        long start = nanoClock.getAsLong();
        if (activity != null) {
            activity.begin(unit);
        }
        Classification result;
        double latencyMs;
        try {
            result = model.classify(pixels, space.k(op));
            double hostMs = (nanoClock.getAsLong() - start) / 1e6;
            latencyMs = dilation.boardMs(op, hostMs);
            sleepRemainder(start, latencyMs);
        } catch (RuntimeException e) {
            throw new InferenceException("the inference engine failed: " + e.getMessage(), e);
        } finally {
            if (activity != null) {
                activity.end(unit);
            }
        }
        ledger.record(op, latencyMs);
        double watts = boardPowerW.getAsDouble();
        return new InferenceResult(result.index(), result.label(), Points.info(space, op), latencyMs,
                Double.isNaN(watts) ? Double.NaN : watts * latencyMs);
    }

    /** On an emulated board the thread stays busy until the board's latency has passed. */
    private void sleepRemainder(long start, double latencyMs) {
        long until = start + (long) (latencyMs * 1e6);
        long left;
        while ((left = until - nanoClock.getAsLong()) > 0) {
            try {
                Thread.sleep(left / 1_000_000, (int) (left % 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
