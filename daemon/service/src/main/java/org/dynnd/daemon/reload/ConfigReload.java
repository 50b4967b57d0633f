package org.dynnd.daemon.reload;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.dynnd.daemon.config.ConfigException;
import org.dynnd.daemon.config.DynndConfig;
import org.dynnd.daemon.systemd.ProcessSignals.ReloadOutcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts a new configuration in force in a running daemon: {@link ConfigDiff} says which keys
 * changed; each {@link LivePart} concerned prepares its new settings (a failure refuses the whole
 * configuration, nothing having changed); then every commit runs inside one exclusive section in
 * which no request is being handled, so a client sees the old settings or the new ones, never a
 * mix. Keys that need a restart keep their old value and are named in a warning.
 */
public final class ConfigReload {

    private static final Logger LOG = LoggerFactory.getLogger(ConfigReload.class);

    private final List<LivePart> parts;
    private final Consumer<Runnable> exclusive;
    private DynndConfig running;

    /**
     * @param running the configuration the daemon started with
     * @param parts every part that takes live settings; together they must cover {@link ConfigDiff#LIVE}
     * @param exclusive runs its argument while no request is being handled (and waits for it)
     */
    public ConfigReload(DynndConfig running, List<LivePart> parts, Consumer<Runnable> exclusive) {
        Set<String> uncovered = new TreeSet<>(ConfigDiff.LIVE);
        parts.forEach(p -> uncovered.removeAll(p.keys()));
        if (!uncovered.isEmpty()) {
            throw new IllegalArgumentException("no part applies the live keys " + uncovered);
        }
        this.running = running;
        this.parts = List.copyOf(parts);
        this.exclusive = exclusive;
    }

    /** The configuration in force. */
    public synchronized DynndConfig running() {
        return running;
    }

    /** Applies what can change live of {@code next}; the outcome says what changed and what waits for a restart. */
    public synchronized ReloadOutcome reload(DynndConfig next) {
        ConfigDiff diff = ConfigDiff.between(running, next);
        if (diff.empty()) {
            return new ReloadOutcome(true, "nothing changed");
        }
        List<LivePart.Commit> commits = new ArrayList<>();
        for (LivePart part : parts) {
            if (part.keys().stream().noneMatch(diff::changed)) {
                continue;
            }
            try {
                commits.add(part.prepare(diff.effective(), diff));
            } catch (ConfigException e) {
                return new ReloadOutcome(false, e.getMessage());
            }
        }
        exclusive.accept(() -> commits.forEach(LivePart.Commit::apply));
        running = diff.effective();
        for (String key : diff.restartOnly()) {
            LOG.warn("{} changed: takes effect at the next start (the running value is kept)", key);
        }
        StringBuilder message = new StringBuilder();
        message.append(diff.live().isEmpty() ? "no live setting changed" : "applied " + String.join(", ", diff.live()));
        if (!diff.restartOnly().isEmpty()) {
            message.append("; at the next start: ").append(String.join(", ", diff.restartOnly()));
        }
        return new ReloadOutcome(true, message.toString());
    }
}
