package org.dynnd.daemon.tools;

import java.nio.file.Path;
import org.dynnd.daemon.cli.UserErrorException;
import org.dynnd.models.data.DataSource;
import org.dynnd.models.runtime.DynamicModel;

/** Where {@code fashion-mnist} is on this system, for the model commands. */
final class ModelOptions {

    private ModelOptions() {}

    /** The folder {@code fashion-mnist} means; the property lets tests and other systems point elsewhere. */
    static Path systemFashionMnist() {
        String override = System.getProperty("dynnd.fashion-mnist");
        return override == null ? DataSource.SYSTEM_FASHION_MNIST : Path.of(override);
    }
}
