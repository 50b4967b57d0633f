package org.dynnd.daemon.lifecycle;

import java.io.IOException;
import org.dynnd.daemon.state.RestoreReport;

/** Puts back every hardware file the daemon changed; called once the service has stopped serving. */
@FunctionalInterface
public interface HardwareRestore {
    RestoreReport restore() throws IOException;
}
