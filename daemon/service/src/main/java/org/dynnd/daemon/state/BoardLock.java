package org.dynnd.daemon.state;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One dynnd per board and per runtime folder: exclusive {@code flock}s taken before any state
 * file is read or any knob written, held until {@link #close()} (or the process's end, when the
 * kernel drops them, so a killed daemon never leaves a stale lock).
 *
 * <p>Two locks, because either alone misses a case: the runtime folder's {@code dynnd.lock}
 * keeps two daemons off one {@code hardware-state.json} (which the second would "restore" under
 * the first), and a lock on the sysfs tree itself keeps two daemons with different runtime
 * folders off one board's frequency files. {@code flock} works on a directory of sysfs opened
 * read-only, so it needs no write access there and sees every daemon of the machine, whatever its
 * user or mount namespace. The runtime lock file names the holder's pid, for the refusal's message.
 */
public final class BoardLock implements AutoCloseable {

    private static final int O_RDONLY = 0;
    private static final int O_RDWR = 2;
    private static final int O_CREAT = 0100;
    private static final int O_CLOEXEC = 02000000;
    private static final int LOCK_EX = 2;
    private static final int LOCK_NB = 4;
    private static final int EWOULDBLOCK = 11;

    /** The C library functions used. */
    interface CLibrary extends Library {
        int open(String path, int flags, int mode) throws LastErrorException;

        int flock(int fd, int operation) throws LastErrorException;

        int close(int fd) throws LastErrorException;
    }

    private final CLibrary libc;
    private final List<Integer> fds = new ArrayList<>();

    private BoardLock(CLibrary libc) {
        this.libc = libc;
    }

    /**
     * Takes the locks of {@code runtimeDir} and, when not null, of the board under
     * {@code sysfsRoot}.
     *
     * @throws AlreadyManagedException when another process holds either
     * @throws IOException when a lock file cannot be opened
     */
    public static BoardLock acquire(Path runtimeDir, Path sysfsRoot) throws IOException {
        BoardLock lock = new BoardLock(Native.load("c", CLibrary.class));
        try {
            Path file = runtimeDir.resolve("dynnd.lock");
            lock.take(file, O_RDWR | O_CREAT, () -> "another dynnd" + holder(file) + " uses the runtime folder " + runtimeDir);
            Files.writeString(file, ProcessHandle.current().pid() + "\n", StandardCharsets.US_ASCII);
            if (sysfsRoot != null) {
                Path board = Files.isDirectory(sysfsRoot.resolve("sys")) ? sysfsRoot.resolve("sys") : sysfsRoot;
                lock.take(board, O_RDONLY, () -> "another dynnd already manages the board under " + sysfsRoot
                        + " (it holds the lock on " + board + ")");
            }
            return lock;
        } catch (IOException | RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    private interface Message {
        String text();
    }

    private void take(Path path, int flags, Message busy) throws IOException {
        int fd;
        try {
            fd = libc.open(path.toString(), flags | O_CLOEXEC, 0644);
        } catch (LastErrorException e) {
            throw new IOException("cannot open " + path + " to lock it: errno " + e.getErrorCode(), e);
        }
        fds.add(fd);
        try {
            libc.flock(fd, LOCK_EX | LOCK_NB);
        } catch (LastErrorException e) {
            if (e.getErrorCode() == EWOULDBLOCK) {
                throw new AlreadyManagedException(busy.text() + "; one daemon per board: stop it first");
            }
            throw new IOException("cannot lock " + path + ": errno " + e.getErrorCode(), e);
        }
    }

    private static String holder(Path file) {
        try {
            String pid = Files.readString(file, StandardCharsets.US_ASCII).trim();
            return pid.matches("\\d+") ? " (pid " + pid + ")" : "";
        } catch (IOException e) {
            return "";
        }
    }

    @Override
    public void close() {
        for (int fd : fds) {
            try {
                libc.close(fd); // closing the descriptor releases its flock
            } catch (LastErrorException e) {
                // nothing to do: the lock goes with the process at the latest
            }
        }
        fds.clear();
    }

    /** Another daemon holds a lock this one needs. */
    public static final class AlreadyManagedException extends IOException {
        private static final long serialVersionUID = 1L;

        AlreadyManagedException(String message) {
            super(message);
        }
    }
}
