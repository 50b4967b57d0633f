package org.dynnd.daemon.board;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.dynnd.daemon.config.ConfigException;
import org.dynnd.daemon.platform.BoardPreset;
import org.dynnd.governor.actuate.CpufreqKnob;
import org.dynnd.governor.actuate.DevfreqKnob;
import org.dynnd.governor.actuate.FrequencyKnob;
import org.dynnd.governor.actuate.KnobException;
import org.dynnd.governor.actuate.SysfsIo;
import org.dynnd.governor.board.BoardModel;
import org.dynnd.governor.op.ComputeUnit;
import org.dynnd.governor.op.UnitKind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The compute units the daemon drives on a board, each with the knob that sets its frequency.
 * A board the governor has a model of takes its units from the model (the preset names the knob
 * of each). A board without one (Jetson Orin, any Linux machine) takes them from its cpufreq
 * policies: the ones its preset names, or every policy the kernel shows for the generic preset;
 * frequencies and CPUs are read from the policy, and calibration measures the rest.
 *
 * @param units the units, in the order of the operating-point space
 * @param knobs the frequency knob of each unit
 * @param model the board model restricted to these units, or null when the board has none
 */
record BoardUnits(List<ComputeUnit> units, List<FrequencyKnob> knobs, BoardModel model) {

    private static final Logger LOG = LoggerFactory.getLogger(BoardUnits.class);
    static final String CPUFREQ = "sys/devices/system/cpu/cpufreq";

    /** The CPUs of each unit, in unit order. */
    List<Set<Integer>> cpus() {
        return units.stream().map(u -> (Set<Integer>) Set.copyOf(u.cpus())).toList();
    }

    /**
     * @param model the governor's model of the board, or null when it has none
     * @param emulated whether the board is emulated (its GPU then runs, dilated, on the host's CPU)
     */
    static BoardUnits of(BoardPreset preset, BoardModel model, Path sysfsRoot, SysfsIo io, boolean emulated)
            throws ConfigException {
        return model != null ? modelled(preset, model, sysfsRoot, io, emulated) : discovered(preset, sysfsRoot, io);
    }

    private static BoardUnits modelled(BoardPreset preset, BoardModel model, Path sysfsRoot, SysfsIo io, boolean emulated)
            throws ConfigException {
        List<ComputeUnit> units = new ArrayList<>();
        List<FrequencyKnob> knobs = new ArrayList<>();
        for (var unitModel : model.units()) {
            ComputeUnit unit = unitModel.unit();
            BoardPreset.UnitPreset knob = preset.units().stream().filter(u -> u.name().equals(unit.name())).findFirst()
                    .orElseThrow(() -> new ConfigException("board preset " + preset.name() + ": no unit " + unit.name()));
            if (!knob.cpu() && !emulated) {
                LOG.info("unit {} is a GPU: this build of PyTorch runs on the CPU only, the unit is left out", unit.name());
                continue;
            }
            units.add(unit);
            knobs.add(knob.cpu() ? new CpufreqKnob(CpufreqKnob.policyDir(sysfsRoot, knob.cpufreqPolicy()), io)
                    : new DevfreqKnob(sysfsRoot.resolve(knob.devfreq()), io));
        }
        BoardModel restricted = new BoardModel(model.name(),
                model.units().stream().filter(u -> units.contains(u.unit())).toList(), model.basePowerW(), model.fullModelMacs());
        return new BoardUnits(units, knobs, restricted);
    }

    private static BoardUnits discovered(BoardPreset preset, Path sysfsRoot, SysfsIo io) throws ConfigException {
        List<String[]> named = new ArrayList<>(); // {unit name, policy}
        for (BoardPreset.UnitPreset unit : preset.units()) {
            if (unit.cpu()) {
                named.add(new String[] {unit.name(), unit.cpufreqPolicy()});
            } else {
                LOG.info("unit {} is a GPU: this build of PyTorch runs on the CPU only, the unit is left out", unit.name());
            }
        }
        if (preset.units().isEmpty()) {
            for (String policy : policies(sysfsRoot.resolve(CPUFREQ))) {
                named.add(new String[] {policy, policy});
            }
        }
        if (named.isEmpty()) {
            throw new ConfigException("board " + preset.name() + ": no cpufreq policy under " + sysfsRoot.resolve(CPUFREQ)
                    + "; dynnd scales the CPU frequency through cpufreq, which this kernel does not offer");
        }
        List<ComputeUnit> units = new ArrayList<>();
        List<FrequencyKnob> knobs = new ArrayList<>();
        for (String[] n : named) {
            Path dir = CpufreqKnob.policyDir(sysfsRoot, n[1]);
            CpufreqKnob knob = new CpufreqKnob(dir, io);
            try {
                units.add(new ComputeUnit(n[0], UnitKind.CPU_CLUSTER, cpus(dir.resolve("affected_cpus")), knob.availableKHz()));
            } catch (KnobException e) {
                throw new ConfigException("board " + preset.name() + ", unit " + n[0] + ": " + e.getMessage());
            }
            knobs.add(knob);
            LOG.info("unit {}: cpufreq {}, CPUs {}, {} frequencies from {} to {} kHz (discovered)", n[0], n[1],
                    units.get(units.size() - 1).cpus(), units.get(units.size() - 1).frequenciesKHz().length,
                    units.get(units.size() - 1).minFrequencyKHz(), units.get(units.size() - 1).maxFrequencyKHz());
        }
        return new BoardUnits(units, knobs, null);
    }

    /** The policy folders' names ({@code policyN}), by N. */
    static List<String> policies(Path cpufreq) throws ConfigException {
        if (!Files.isDirectory(cpufreq)) {
            return List.of();
        }
        try (Stream<Path> list = Files.list(cpufreq)) {
            return list.map(p -> p.getFileName().toString()).filter(n -> n.matches("policy[0-9]+"))
                    .sorted(Comparator.comparingInt(n -> Integer.parseInt(n.substring("policy".length())))).toList();
        } catch (IOException e) {
            throw new ConfigException(cpufreq + ": cannot list the cpufreq policies: " + e.getMessage());
        }
    }

    /** The CPUs a policy's {@code affected_cpus} lists (space-separated, as the kernel prints them). */
    static List<Integer> cpus(Path affected) throws ConfigException {
        String text;
        try {
            text = Files.readString(affected).strip();
        } catch (IOException e) {
            throw new ConfigException(affected + ": cannot read the policy's CPUs: " + e.getMessage());
        }
        List<Integer> cpus = new ArrayList<>();
        for (String part : text.split("\\s+")) {
            try {
                cpus.add(Integer.parseInt(part));
            } catch (NumberFormatException e) {
                throw new ConfigException(affected + ": '" + text + "' is not a list of CPU numbers");
            }
        }
        return cpus;
    }
}
