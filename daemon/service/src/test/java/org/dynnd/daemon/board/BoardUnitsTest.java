package org.dynnd.daemon.board;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.dynnd.daemon.config.ConfigException;
import org.dynnd.daemon.platform.BoardPreset;
import org.dynnd.daemon.platform.BoardPresets;
import org.dynnd.governor.actuate.SysfsIo;
import org.dynnd.governor.board.Boards;
import org.dynnd.governor.op.ComputeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BoardUnitsTest {

    private static final Path SHIPPED = Path.of("../..", "config", "boards");

    @TempDir
    Path root;

    /**
     * A policy as cpufreq-dt prints it (descending list, trailing space, as the Orin's nvpmodel
     * FREQ_TABLE reads it from scaling_available_frequencies).
     */
    private void policy(String name, String cpus, String freqs) throws Exception {
        Path dir = root.resolve(BoardUnits.CPUFREQ).resolve(name);
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("affected_cpus"), cpus + "\n");
        Files.writeString(dir.resolve("scaling_available_frequencies"), freqs + " \n");
        Files.writeString(dir.resolve("scaling_available_governors"), "userspace schedutil performance\n");
        Files.writeString(dir.resolve("scaling_governor"), "schedutil\n");
    }

    private static BoardPreset preset(String name) throws Exception {
        return BoardPresets.load(SHIPPED).byName(name).orElseThrow();
    }

    @Test
    void theOrinsThreeClustersAreTakenFromThePoliciesItsPresetNames() throws Exception {
        policy("policy0", "0 1 2 3", "2201600 1497600 729600");
        policy("policy4", "4 5 6 7", "2201600 1497600 729600");
        policy("policy8", "8 9 10 11", "2201600 1497600 729600");
        BoardUnits board = BoardUnits.of(preset("jetson-orin"), null, root, SysfsIo.FILES, false);
        assertThat(board.model()).isNull();
        assertThat(board.units()).extracting(ComputeUnit::name).containsExactly("cluster0", "cluster1", "cluster2");
        assertThat(board.units().get(2).cpus()).containsExactly(8, 9, 10, 11);
        assertThat(board.units().get(0).frequenciesKHz()).containsExactly(729600, 1497600, 2201600);
        assertThat(board.cpus().get(1)).containsExactlyInAnyOrder(4, 5, 6, 7);
        assertThat(board.knobs()).hasSize(3);
    }

    @Test
    void theGenericPresetTakesEveryPolicyInNumericOrder() throws Exception {
        policy("policy10", "10 11", "1800000 1000000");
        policy("policy2", "2 3", "1400000 600000");
        policy("policy0", "0 1", "1400000 600000");
        Files.createDirectories(root.resolve(BoardUnits.CPUFREQ).resolve("ondemand"));
        BoardUnits board = BoardUnits.of(preset("generic"), null, root, SysfsIo.FILES, false);
        assertThat(board.units()).extracting(ComputeUnit::name).containsExactly("policy0", "policy2", "policy10");
        assertThat(board.units().get(2).maxFrequencyKHz()).isEqualTo(1800000);
    }

    @Test
    void aModelledBoardKeepsTheModelsUnitsAndLeavesTheGpuOutOnARealBoard() throws Exception {
        BoardUnits real = BoardUnits.of(preset("jetson-nano"), Boards.jetsonNano(4), root, SysfsIo.FILES, false);
        assertThat(real.units()).extracting(ComputeUnit::name).containsExactly("a57");
        assertThat(real.model().units()).hasSize(1);
        BoardUnits emulated = BoardUnits.of(preset("jetson-nano"), Boards.jetsonNano(4), root, SysfsIo.FILES, true);
        assertThat(emulated.units()).extracting(ComputeUnit::name).containsExactly("a57", "gpu");
    }

    @Test
    void aMachineWithoutCpufreqOrWithABrokenPolicyIsAClearError() throws Exception {
        assertThatThrownBy(() -> BoardUnits.of(preset("generic"), null, root, SysfsIo.FILES, false))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("board generic: no cpufreq policy under " + root.resolve(BoardUnits.CPUFREQ));
        policy("policy0", "0 1", "1400000 600000");
        Files.writeString(root.resolve(BoardUnits.CPUFREQ).resolve("policy0/affected_cpus"), "0-1\n");
        assertThatThrownBy(() -> BoardUnits.of(preset("generic"), null, root, SysfsIo.FILES, false))
                .isInstanceOf(ConfigException.class).hasMessageContaining("affected_cpus: '0-1' is not a list of CPU numbers");
        Files.writeString(root.resolve(BoardUnits.CPUFREQ).resolve("policy0/affected_cpus"), "0 1\n");
        Files.writeString(root.resolve(BoardUnits.CPUFREQ).resolve("policy0/scaling_available_frequencies"), "fast\n");
        assertThatThrownBy(() -> BoardUnits.of(preset("generic"), null, root, SysfsIo.FILES, false))
                .isInstanceOf(ConfigException.class).hasMessageContaining("board generic, unit policy0:")
                .hasMessageContaining("not a frequency: 'fast'");
    }

    @Test
    void policiesAreListedByNumber() throws Exception {
        policy("policy4", "4", "1000000");
        policy("policy0", "0", "1000000");
        assertThat(BoardUnits.policies(root.resolve(BoardUnits.CPUFREQ))).isEqualTo(List.of("policy0", "policy4"));
        assertThat(BoardUnits.policies(root.resolve("nothing"))).isEmpty();
    }
}
