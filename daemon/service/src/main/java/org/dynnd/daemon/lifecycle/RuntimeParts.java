package org.dynnd.daemon.lifecycle;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadFactory;
import org.dynnd.daemon.access.AccessPolicy;
import org.dynnd.daemon.server.PeerIdentitySource;
import org.dynnd.daemon.server.ServerSettings;
import org.dynnd.daemon.service.GovernorPort;
import org.dynnd.daemon.service.InferenceService;
import org.dynnd.daemon.systemd.ProcessSignals;

/**
 * Everything {@link DaemonRuntime} runs, built by the {@code dynnd run} command from the
 * configuration and the modules.
 *
 * @param settings the socket server's limits
 * @param governor the governor behind the effective budget
 * @param inference the model service
 * @param inferenceThreads makes the inference threads (pinned by the governor)
 * @param access who may do what
 * @param identities the peers' identities (the kernel's, in production)
 * @param socket where to listen when systemd passed no socket
 * @param prometheusFile where to write the textfile-collector file, if anywhere
 * @param periodMillis the control period: one telemetry sample each
 * @param historySeconds how much telemetry history to keep for {@code status}
 * @param hardware puts back what the actuators changed; run on stop
 * @param reload what SIGHUP does
 */
public record RuntimeParts(
        ServerSettings settings,
        GovernorPort governor,
        InferenceService inference,
        ThreadFactory inferenceThreads,
        AccessPolicy access,
        PeerIdentitySource identities,
        Path socket,
        Optional<Path> prometheusFile,
        long periodMillis,
        long historySeconds,
        HardwareRestore hardware,
        ProcessSignals.ReloadHook reload) {

    public RuntimeParts {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(governor, "governor");
        Objects.requireNonNull(inference, "inference");
        Objects.requireNonNull(inferenceThreads, "inferenceThreads");
        Objects.requireNonNull(access, "access");
        Objects.requireNonNull(identities, "identities");
        Objects.requireNonNull(socket, "socket");
        Objects.requireNonNull(prometheusFile, "prometheusFile");
        Objects.requireNonNull(hardware, "hardware");
        Objects.requireNonNull(reload, "reload");
        if (periodMillis < 1 || historySeconds < 1) {
            throw new IllegalArgumentException("the control period and the telemetry history must be positive");
        }
    }
}
