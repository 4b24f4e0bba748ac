package dev.ktel.collectors.sys;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * One sysfs attribute file, kept open and re-read with a single pread at offset 0 into a reused buffer.
 * sysfs (kernfs) renders an attribute (at most one page) afresh on every read at offset 0 and hands back
 * all of it when the buffer is large enough, so a short read is the whole content: unlike
 * {@link dev.ktel.core.io.ProcFile} no second read to find EOF is needed. A read that fills the buffer is
 * retried with a larger one. Allocation-free after warm-up. Not thread-safe.
 */
public final class SysfsFile implements Closeable {
    /** Larger than any sysfs attribute (PAGE_SIZE on the largest-page architectures). */
    private static final int MAX_SIZE = 1 << 16;

    private final Path path;
    private final String name;
    private FileChannel channel;
    private byte[] bytes;
    private ByteBuffer view;

    public SysfsFile(Path path, int initialCapacity) {
        this.path = path;
        this.name = path.toString();
        this.bytes = new byte[initialCapacity];
        this.view = ByteBuffer.wrap(bytes);
    }

    /** The path as a String, for error messages. */
    public String name() {
        return name;
    }

    /**
     * Reads the attribute afresh; returns the number of bytes now in {@link #bytes()}. On failure (absent,
     * EINVAL from a driver, the device removed) the file is closed, so the next read reopens it.
     */
    public int read() throws IOException {
        try {
            if (channel == null) {
                channel = FileChannel.open(path, StandardOpenOption.READ);
            }
            while (true) {
                view.clear();
                int n = channel.read(view, 0);
                if (n < 0) {
                    return 0;
                }
                if (n < bytes.length || bytes.length >= MAX_SIZE) {
                    return n;
                }
                bytes = Arrays.copyOf(bytes, bytes.length * 2);
                view = ByteBuffer.wrap(bytes);
            }
        } catch (IOException e) {
            close();
            throw e;
        }
    }

    /** The content of the last {@link #read()}. */
    public byte[] bytes() {
        return bytes;
    }

    @Override
    public void close() {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // closing a read-only pseudo-file cannot lose data
            }
            channel = null;
        }
    }
}
