package dev.ktel.core.io;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * One kernel pseudo-file, kept open and re-read with pread at offset 0 into a reused buffer. procfs and
 * sysfs regenerate the content on every read at offset 0, so this sees fresh data without an open/close per
 * scrape. The size the file reports is ignored (many report 0 or 4096): it reads until EOF, with a cap.
 * Allocation-free after warm-up. Not thread-safe.
 */
public final class ProcFile implements Closeable {
    /** Largest content read; larger files are an error rather than a memory hazard. */
    public static final int MAX_SIZE = 64 << 20;

    private final Path path;
    private final String name;
    private FileChannel channel;
    private byte[] bytes;
    private ByteBuffer view;
    private int length;

    public ProcFile(Path path) {
        this(path, 4096);
    }

    public ProcFile(Path path, int initialCapacity) {
        this.path = path;
        this.name = path.toString();
        this.bytes = new byte[initialCapacity];
        this.view = ByteBuffer.wrap(bytes);
    }

    public Path path() {
        return path;
    }

    /** The path as a String, for error messages. */
    public String name() {
        return name;
    }

    /** Reads the whole file afresh; returns the number of bytes now in {@link #bytes()}. */
    public int read() throws IOException {
        if (channel == null) {
            channel = FileChannel.open(path, StandardOpenOption.READ);
        }
        try {
            return readAll();
        } catch (NoSuchFileException e) {
            close();
            throw e;
        } catch (IOException e) {
            // The file may have been replaced (e.g. a network device re-created): reopen once.
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
            view.limit(bytes.length).position(total);
            int n = channel.read(view, total);
            if (n < 0) {
                break;
            }
            total += n;
        }
        length = total;
        return total;
    }

    /** Convenience for files holding a single number, e.g. /sys/class/net/eth0/mtu. */
    public long readLong() throws IOException {
        int n = read();
        int end = n;
        while (end > 0 && (bytes[end - 1] == '\n' || bytes[end - 1] == ' ')) {
            end--;
        }
        int start = 0;
        boolean neg = end > 0 && bytes[0] == '-';
        long v = dev.ktel.core.text.TextScanner.parseUnsigned(bytes, neg ? 1 : start, end);
        if (v < 0) {
            throw new dev.ktel.core.text.ProcParseException(name, 1, "value", "expected integer",
                    new String(bytes, 0, end, java.nio.charset.StandardCharsets.UTF_8));
        }
        return neg ? -v : v;
    }

    /** The content of the last {@link #read()}; valid up to {@link #length()}. */
    public byte[] bytes() {
        return bytes;
    }

    public int length() {
        return length;
    }

    /** Reads a small file to a trimmed String (cold paths: uname, os-release values, sysfs labels). */
    public static String readString(Path path) throws IOException {
        try (ProcFile f = new ProcFile(path, 256)) {
            int n = f.read();
            return new String(f.bytes, 0, n, java.nio.charset.StandardCharsets.UTF_8).strip();
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
