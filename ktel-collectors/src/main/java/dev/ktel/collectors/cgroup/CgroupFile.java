package dev.ktel.collectors.cgroup;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * One cgroupfs control file, kept open and re-read with pread at offset 0 into a reused buffer: like ProcFile,
 * but a read that returns less than the buffer holds is taken as the whole file, saving the second read that
 * would only see EOF. That holds for cgroupfs: every control file we read is a single-record seq_file
 * (kernfs {@code seq_show} without {@code seq_start}), whose whole content is formatted at once and copied up
 * to the size asked for, so a short read is the end. Allocation-free after warm-up. Not thread-safe.
 */
final class CgroupFile implements Closeable {
    private static final int MAX_SIZE = 16 << 20;

    private final Path path;
    private final String name;
    private FileChannel channel;
    private byte[] bytes;
    private ByteBuffer view;

    CgroupFile(Path path, int initialCapacity) {
        this.path = path;
        this.name = path.toString();
        this.bytes = new byte[initialCapacity];
        this.view = ByteBuffer.wrap(bytes);
    }

    /** The path as a String, for error messages. */
    String name() {
        return name;
    }

    /** The content of the last {@link #read()}. */
    byte[] bytes() {
        return bytes;
    }

    /**
     * Reads the file afresh; returns its length. NoSuchFileException when it is gone (the cgroup was
     * removed: reads of a kept file then fail with ENODEV and the reopen finds nothing).
     */
    int read() throws IOException {
        if (channel == null) {
            channel = FileChannel.open(path, StandardOpenOption.READ);
        }
        try {
            return readAll();
        } catch (NoSuchFileException e) {
            close();
            throw e;
        } catch (IOException e) {
            close();
            channel = FileChannel.open(path, StandardOpenOption.READ);
            return readAll();
        }
    }

    private int readAll() throws IOException {
        int total = 0;
        while (true) {
            if (total == bytes.length) {
                if (bytes.length >= MAX_SIZE) {
                    throw new IOException(name + ": larger than " + MAX_SIZE + " bytes");
                }
                bytes = Arrays.copyOf(bytes, bytes.length * 2);
                view = ByteBuffer.wrap(bytes);
            }
            int want = bytes.length - total;
            view.limit(bytes.length).position(total);
            int n = channel.read(view, total);
            if (n < 0) {
                return total;
            }
            total += n;
            if (n < want) {
                return total;
            }
        }
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
