package org.dynnd.daemon.systemd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.dynnd.daemon.systemd.ProcessSignals.ReloadOutcome;
import org.junit.jupiter.api.Test;

class ProcessSignalsTest {

    @Test
    void stopRunsOnceWhicheverSignalCame() {
        AtomicInteger stops = new AtomicInteger();
        ProcessSignals signals = new ProcessSignals(stops::incrementAndGet, () -> new ReloadOutcome(true, "ok"));
        signals.onStop("SIGTERM");
        signals.onStop("SIGINT");
        assertThat(stops).hasValue(1);
    }

    @Test
    void reloadMayRefuseAndAFailingHookCountsAsRefusal() {
        assertThat(new ProcessSignals(() -> { }, () -> new ReloadOutcome(false, "dynnd.yaml: budget.default_latency_ms: -1"))
                .onReload()).isEqualTo(new ReloadOutcome(false, "dynnd.yaml: budget.default_latency_ms: -1"));
        ReloadOutcome failed = new ProcessSignals(() -> { }, () -> {
            throw new IllegalStateException("parser crashed");
        }).onReload();
        assertThat(failed.accepted()).isFalse();
        assertThat(failed.message()).contains("parser crashed");
    }

    @Test
    void aRealSighupReachesTheReloadHook() throws Exception {
        CountDownLatch reloaded = new CountDownLatch(1);
        boolean installed = new ProcessSignals(() -> { }, () -> {
            reloaded.countDown();
            return new ReloadOutcome(true, "reloaded");
        }).installReload();
        assumeTrue(installed, "this JVM was started with SIGHUP ignored (under nohup): the kernel never delivers it");
        Process kill = new ProcessBuilder("kill", "-HUP", Long.toString(ProcessHandle.current().pid())).start();
        assertThat(kill.waitFor()).isZero();
        assertThat(reloaded.await(30, TimeUnit.SECONDS)).isTrue();
    }
}
