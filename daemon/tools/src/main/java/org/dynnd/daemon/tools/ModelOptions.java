package org.dynnd.daemon.tools;

import java.nio.file.Path;
import org.dynnd.daemon.cli.UserErrorException;
import org.dynnd.models.data.DataSource;
import org.dynnd.models.runtime.DynamicModel;

/** What the model commands share: the system data folder and the intra-op thread setting. */
final class ModelOptions {

    private ModelOptions() {}

    /** The folder {@code fashion-mnist} means; the property lets tests and other systems point elsewhere. */
    static Path systemFashionMnist() {
        String override = System.getProperty("dynnd.fashion-mnist");
        return override == null ? DataSource.SYSTEM_FASHION_MNIST : Path.of(override);
    }

    /** Sets PyTorch's intra-op threads of the calling thread when {@code threads > 0}. */
    static void threads(int threads) {
        if (threads < 0) {
            throw new UserErrorException("--threads must be 0 (PyTorch's default) or positive, got " + threads);
        }
        if (threads > 0) {
            DynamicModel.setIntraOpThreads(threads);
        }
    }
}
