package org.dynnd.daemon.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.dynnd.daemon.server.TableGovernor;
import org.dynnd.daemon.service.ClientBudget;
import org.dynnd.daemon.service.OperatingPointInfo;
import org.dynnd.daemon.service.TelemetrySample;
import org.dynnd.governor.control.Objective;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TelemetryTest {

    private static final OperatingPointInfo OP = new OperatingPointInfo(3, "a15", 1_800_000, 0);

    @TempDir
    Path dir;

    @Test
    void ringKeepsTheNewestSamplesInOrder() {
        TelemetryRing ring = new TelemetryRing(3);
        assertThat(ring.latest()).isEmpty();
        for (long t = 1; t <= 5; t++) {
            ring.add(TableGovernor.sample(t, OP));
        }
        assertThat(ring.snapshot()).extracting(TelemetrySample::timeMillis).containsExactly(3L, 4L, 5L);
        assertThat(ring.latest().orElseThrow().timeMillis()).isEqualTo(5);
        assertThat(ring.size()).isEqualTo(3);
        assertThat(TelemetryRing.forHistory(300, 100).capacity()).isEqualTo(3000);
    }

    @Test
    void prometheusFileIsValidTextFormatAndReplacedAtomically() throws Exception {
        Path target = dir.resolve("dynnd.prom");
        PrometheusTextFile file = new PrometheusTextFile(target);
        file.write(TableGovernor.sample(1_700_000_000_500L, OP), new ClientBudget(20.0, null, 3.0, null, Objective.MAX_ACCURACY));
        String text = Files.readString(target);
        assertThat(text).contains("dynnd_op_groups 3\n", "dynnd_op_frequency_hertz{unit=\"a15\"} 1800000000\n",
                "dynnd_latency_p95_seconds 0.0112500\n", "dynnd_rail_power_watts{rail=\"mem\"} 0.250000\n",
                "dynnd_latency_violations_total 3\n", "# TYPE dynnd_latency_violations_total counter\n",
                "dynnd_budget_latency_seconds 0.0200000\n", "dynnd_budget_energy_joules NaN\n",
                "dynnd_sample_timestamp_seconds 1.70000e+09\n");
        for (String line : text.split("\n")) {
            assertThat(line).matches("# (HELP|TYPE) dynnd_\\w+ .+|dynnd_\\w+(\\{\\w+=\"[^\"]*\"\\})? (NaN|[+-]Inf|-?[0-9.e+-]+)");
        }
        try (var listing = Files.list(dir)) {
            assertThat(listing.map(p -> p.getFileName().toString())).containsExactly("dynnd.prom");
        }
    }

    @Test
    void loopKeepsSamplesTellsListenersAndWritesTheFile() throws Exception {
        TableGovernor governor = new TableGovernor();
        TelemetryRing ring = new TelemetryRing(10);
        Path target = dir.resolve("dynnd.prom");
        List<TelemetrySample> heard = new ArrayList<>();
        TelemetryLoop loop = new TelemetryLoop(governor, ring, Optional.of(new PrometheusTextFile(target)), () -> ClientBudget.NONE);
        loop.addListener(heard::add);
        loop.tick();
        loop.tick();
        assertThat(ring.size()).isEqualTo(2);
        assertThat(heard).hasSize(2);
        assertThat(Files.readString(target)).contains("dynnd_op_groups 4");

        Files.delete(target);
        Files.createDirectory(target); // the rename now fails: logged, and the loop goes on
        loop.tick();
        assertThat(heard).hasSize(3);
    }
}
