package org.dynnd.daemon.cli;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;

/**
 * What went wrong with a file, in words: the JDK's file exceptions carry only the path as their
 * message, so "cannot read X: " + message would say the path twice and nothing else.
 */
final class FileErrors {

    private FileErrors() {}

    /** {@code no such file}, {@code permission denied}, {@code a folder, not a file}, or the system's reason. */
    static String reason(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        String reason = e instanceof FileSystemException f && f.getReason() != null ? f.getReason() : e.getMessage();
        if (reason == null || reason.isBlank()) {
            return e.getClass().getSimpleName();
        }
        return reason.equalsIgnoreCase("is a directory") ? "a folder, not a file" : reason;
    }
}
