package org.dynnd.daemon.tools;

import org.dynnd.daemon.cli.UserErrorException;
import org.dynnd.models.runtime.DynamicModel;
import picocli.CommandLine.Option;

/** {@code --threads N}, PyTorch's intra-op threads for a model command, as a picocli mixin. */
public final class ThreadsOption {

    @Option(names = "--threads", defaultValue = "0", description = "intra-op threads; 0 keeps PyTorch's default")
    int threads;

    /** Sets the calling thread's intra-op threads when a count was given; returns it (0: PyTorch's default). */
    int apply() {
        if (threads < 0) {
            throw new UserErrorException("--threads must be 0 (PyTorch's default) or positive, got " + threads);
        }
        if (threads > 0) {
            DynamicModel.setIntraOpThreads(threads);
        }
        return threads;
    }
}
