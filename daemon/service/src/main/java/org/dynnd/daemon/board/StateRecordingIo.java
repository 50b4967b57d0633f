package org.dynnd.daemon.board;

import java.io.IOException;
import java.nio.file.Path;
import org.dynnd.daemon.state.HardwareStateFile;
import org.dynnd.governor.actuate.Errno;
import org.dynnd.governor.actuate.KnobException;
import org.dynnd.governor.actuate.SysfsIo;

/**
 * The actuators' file access, with every file's original content saved to the hardware-state file
 * before its first write: a daemon killed at any moment leaves what the next start needs to put the
 * board back.
 */
final class StateRecordingIo implements SysfsIo {

    private final SysfsIo files;
    private final HardwareStateFile state;
    private final Path sysfsRoot;

    StateRecordingIo(SysfsIo files, HardwareStateFile state, Path sysfsRoot) {
        this.files = files;
        this.state = state;
        this.sysfsRoot = sysfsRoot;
    }

    @Override
    public String read(Path path) throws KnobException {
        return files.read(path);
    }

    @Override
    public void write(Path path, String value) throws KnobException {
        try {
            state.rememberBeforeWrite("/" + sysfsRoot.relativize(path));
        } catch (IOException e) {
            // Without the original on disk the write must not happen: it could never be undone.
            throw new KnobException(path.toString(), Errno.EIO, "cannot record the original in " + state.file() + ": " + e.getMessage());
        }
        files.write(path, value);
    }
}
