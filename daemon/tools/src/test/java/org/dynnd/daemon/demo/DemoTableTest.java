package org.dynnd.daemon.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DemoTableTest {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    private final List<DemoStep> steps = DemoScript.steps(48);

    private List<String> lines() {
        return bytes.toString(StandardCharsets.UTF_8).lines().toList();
    }

    private static DemoSample sample(int step, double timeS) {
        return new DemoSample(timeS, step, 4, "a15", 2000, 100, 6.5, 7.25, 1.61, 16.1, 86.5, 10, 9, true);
    }

    @Test
    void everyRowKeepsItsColumnsUnderTheHeaderEvenWithTheLongestBudgetLabel() {
        DemoTable table = new DemoTable(out, steps);
        table.header();
        for (int i = 0; i < steps.size(); i++) {
            table.row(sample(i, 8.0 * i + 1));
        }
        List<String> lines = lines();
        String header = lines.get(0);
        int op = header.indexOf("operating point");
        int p50 = header.indexOf("p50 ms");
        assertThat(steps.stream().mapToInt(s -> s.budgetLabel().length()).max().orElseThrow())
                .as("the co-runner step's label is the longest and longer than the old 18-character column").isGreaterThan(18);
        for (String row : lines.subList(1, lines.size())) {
            assertThat(row.indexOf("k=4 a15@2000MHz")).as(row).isEqualTo(op);
            // p50 is right-aligned in its column, so its last digit ends where the header's label ends.
            assertThat(row.indexOf("6.50") + "6.50".length()).as(row).isEqualTo(p50 + "p50 ms".length());
        }
    }

    @Test
    void theSummaryHasOneAlignedRowPerStep() {
        List<DemoSample> samples = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            for (int p = 0; p < 6; p++) {
                samples.add(sample(i, 8.0 * i + p));
            }
        }
        List<StepSummary> summaries = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            summaries.add(StepSummary.of(i, steps.get(i), samples));
        }
        new DemoTable(out, steps).summary(summaries);
        List<String> lines = lines();
        assertThat(lines).hasSize(3 + steps.size());
        assertThat(lines.get(0)).startsWith("dynnd demo: summary per step");
        String header = lines.get(2);
        assertThat(header).startsWith("step").contains("budget", "periods", " met ", "p95 ms", "acc %");
        int budget = header.indexOf("budget");
        // Right-aligned: the met column ends where its header ends.
        int metEnd = header.indexOf(" met ") + " met".length();
        assertThat(lines.get(3)).startsWith("steady").contains("no budget");
        for (int i = 0; i < steps.size(); i++) {
            String row = lines.get(3 + i);
            assertThat(row).startsWith(steps.get(i).name());
            assertThat(row.indexOf(steps.get(i).budgetLabel(), steps.get(i).name().length())).as(row).isEqualTo(budget);
            String met = i == 0 ? "no budget" : steps.get(i).metBy(7.25, 1.61, 16.1) ? "3/3 (100 %)" : "0/3 (0 %)";
            assertThat(row.indexOf(met) + met.length()).as(row).isEqualTo(metEnd);
            assertThat(row).endsWith("90.0");
        }
    }
}
