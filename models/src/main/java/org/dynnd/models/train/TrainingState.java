package org.dynnd.models.train;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.dynnd.models.bundle.EpochReport;
import org.dynnd.models.bundle.TrainingSettings;

/**
 * The progress of a training run as saved beside its checkpointed parameters: which epochs are
 * done and what they measured. A resumed run skips exactly those epochs.
 *
 * @param settings the settings the run was started with; a resume must use the same
 * @param data the data set the run was started with
 * @param epochs every completed epoch, in order
 */
public record TrainingState(TrainingSettings settings, String data, List<EpochReport> epochs) {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public TrainingState {
        epochs = List.copyOf(epochs);
    }

    /** Whether epoch {@code epoch} of {@code stage} of {@code network} is complete. */
    public boolean done(String network, int stage, int epoch) {
        return epochs.stream().anyMatch(e -> e.network().equals(network) && e.stage() == stage && e.epoch() == epoch);
    }

    /** This state with {@code report} appended. */
    public TrainingState with(EpochReport report) {
        List<EpochReport> more = new ArrayList<>(epochs);
        more.add(report);
        return new TrainingState(settings, data, more);
    }

    /** Total training seconds of {@code network} over the completed epochs. */
    public double seconds(String network) {
        return epochs.stream().filter(e -> e.network().equals(network)).mapToDouble(EpochReport::seconds).sum();
    }

    /** Reads a state file. */
    public static TrainingState read(Path file) throws IOException {
        return JSON.readValue(file.toFile(), TrainingState.class);
    }

    /** Writes this state to {@code file}, atomically. */
    public void write(Path file) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        JSON.writeValue(tmp.toFile(), this);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
