package org.dynnd.daemon.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.dynnd.daemon.config.DynndConfig;
import org.dynnd.daemon.config.GovernorConfig;
import org.dynnd.daemon.config.TelemetryConfig;
import org.dynnd.daemon.reload.ConfigDiff;
import org.dynnd.daemon.server.TableGovernor;
import org.dynnd.daemon.service.ClientBudget;
import org.dynnd.daemon.service.OperatingPointInfo;
import org.dynnd.daemon.service.TelemetrySample;
import org.dynnd.daemon.telemetry.PrometheusTextFile;
import org.dynnd.daemon.telemetry.TelemetryLoop;
import org.dynnd.daemon.telemetry.TelemetryRing;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Telemetry takes reloaded settings: the Prometheus file, the history kept, the period. */
class TelemetryLivePartTest {

    private static final OperatingPointInfo OP = new OperatingPointInfo(3, "a15", 1_800_000, 0);

    @TempDir
    Path dir;

    private final ScheduledExecutorService scheduler = new ScheduledThreadPoolExecutor(1);

    @AfterEach
    void stop() {
        scheduler.shutdownNow();
    }

    private static DynndConfig config(int periodMs, int keepS, String prometheus) {
        return DynndConfig.defaults().withGovernor(new GovernorConfig(periodMs, null, null, null, null, null))
                .withTelemetry(new TelemetryConfig(keepS, prometheus));
    }

    private static void apply(TelemetryLivePart part, DynndConfig running, DynndConfig next) {
        ConfigDiff diff = ConfigDiff.between(running, next);
        part.prepare(diff.effective(), diff).apply();
    }

    @Test
    void theFileMovesStopsAndTheHistoryShrinksKeepingTheNewest() throws Exception {
        Path first = dir.resolve("first.prom");
        Path second = dir.resolve("second.prom");
        TelemetryRing ring = TelemetryRing.forHistory(10, 1000);
        TelemetryLoop loop = new TelemetryLoop(new TableGovernor(), ring, Optional.of(new PrometheusTextFile(first)), () -> ClientBudget.NONE);
        TelemetryLivePart part = new TelemetryLivePart(loop, ring, scheduler);
        for (long t = 1; t <= 8; t++) {
            ring.add(TableGovernor.sample(t, OP));
        }
        loop.tick();
        assertThat(first).exists();

        DynndConfig running = config(1000, 10, first.toString());
        DynndConfig next = config(1000, 4, second.toString());
        apply(part, running, next);
        assertThat(ring.capacity()).isEqualTo(4);
        assertThat(ring.snapshot()).hasSize(4).extracting(TelemetrySample::timeMillis).startsWith(6L, 7L, 8L);
        Files.delete(first);
        loop.tick();
        assertThat(second).exists();
        assertThat(first).doesNotExist();

        apply(part, next, config(1000, 4, ""));
        Files.delete(second);
        loop.tick();
        assertThat(second).doesNotExist();
    }

    @Test
    void aNewPeriodMeansOneSamplePerNewPeriodAndAHistoryOfTheSameLength() {
        TelemetryRing ring = TelemetryRing.forHistory(60, 500);
        TelemetryLoop loop = new TelemetryLoop(new TableGovernor(), ring, Optional.empty(), () -> ClientBudget.NONE);
        loop.start(scheduler, 500);
        TelemetryLivePart part = new TelemetryLivePart(loop, ring, scheduler);
        apply(part, config(500, 60, ""), config(2000, 60, ""));
        assertThat(ring.capacity()).as("60 s at one sample per 2 s").isEqualTo(30);
        // The old schedule is cancelled; the new one starts half a period after the loop's first (3 s).
        assertThat(((ScheduledThreadPoolExecutor) scheduler).getQueue().stream().map(task -> (ScheduledFuture<?>) task)
                .filter(task -> !task.isCancelled()))
                .singleElement()
                .satisfies(task -> assertThat(task.getDelay(TimeUnit.MILLISECONDS)).isBetween(2000L, 3000L));
        loop.close();
    }
}
