package org.dynnd.daemon.board;

import java.nio.file.Path;
import org.dynnd.governor.actuate.Errno;
import org.dynnd.governor.actuate.KnobException;
import org.dynnd.governor.actuate.SysfsIo;

/**
 * The knobs' file access until {@link #close()}; writes after it are refused, so that nothing a
 * control period or a calibration still running writes lands after the hardware was restored.
 */
final class ClosingSysfsIo implements SysfsIo {
    private final SysfsIo files;
    private boolean closed;

    ClosingSysfsIo(SysfsIo files) {
        this.files = files;
    }

    @Override
    public String read(Path path) throws KnobException {
        return files.read(path);
    }

    @Override
    public synchronized void write(Path path, String value) throws KnobException {
        if (closed) {
            throw new KnobException(path.toString(), Errno.EIO, "the board was restored: its knobs are no longer driven");
        }
        files.write(path, value);
    }

    synchronized void close() {
        closed = true;
    }
}
