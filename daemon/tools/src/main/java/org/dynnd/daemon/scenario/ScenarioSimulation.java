package org.dynnd.daemon.scenario;

import java.nio.file.Path;
import org.dynnd.daemon.config.ConfigException;
import org.dynnd.governor.board.BoardModel;
import org.dynnd.governor.board.Boards;
import org.dynnd.governor.profile.GroupedAlexNetCost;
import org.dynnd.governor.profile.ModelProfile;
import org.dynnd.governor.sim.Scenario;
import org.dynnd.governor.sim.Simulator;

/**
 * A scenario file bound to a board model, ready to simulate: what {@code dynnd simulate} and
 * {@code dynnd report} run. The model is the grouped AlexNet with one group per accuracy the
 * scenario lists; its cost per k comes from the architecture ({@link GroupedAlexNetCost}).
 */
public final class ScenarioSimulation {

    private ScenarioSimulation() {}

    /**
     * The simulator of the scenario read from {@code file} (already read as {@code scenario}) on
     * the board model named {@code board}, one of {@link Boards#NAMES}.
     *
     * @throws ConfigException when the scenario does not fit the model or the board (the file is named)
     */
    public static Simulator simulator(String board, Path file, Scenario scenario) throws ConfigException {
        int groups = scenario.accuracyPercent().length;
        BoardModel model;
        ModelProfile profile;
        try {
            GroupedAlexNetCost cost = new GroupedAlexNetCost(groups);
            model = Boards.byName(board, groups);
            profile = cost.profile("grouped-alexnet-g" + groups, "scenario", scenario.accuracyPercent());
        } catch (IllegalArgumentException e) {
            throw new ConfigException(file + ": accuracyPercent: " + e.getMessage());
        }
        try {
            return new Simulator(model, profile, scenario);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(file + ": " + e.getMessage());
        }
    }
}
