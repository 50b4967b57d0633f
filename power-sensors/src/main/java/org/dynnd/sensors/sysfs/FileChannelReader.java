package org.dynnd.sensors.sysfs;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Opens, reads once from offset 0, closes. Sysfs attributes are regenerated on each read from
 * offset 0, and opening every time means a file that vanishes is noticed and one that comes back
 * is used again (an open descriptor would keep pointing at the old inode).
 */
final class FileChannelReader implements SysfsReader {
    static final FileChannelReader INSTANCE = new FileChannelReader();

    private FileChannelReader() {}

    @Override
    public int read(Path file, byte[] buffer) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer target = ByteBuffer.wrap(buffer);
            int total = 0;
            while (target.hasRemaining()) {
                int n = channel.read(target);
                if (n < 0) {
                    break;
                }
                total += n;
            }
            return total;
        }
    }
}
