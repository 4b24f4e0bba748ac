package dev.ktel.collectors;

import dev.ktel.core.text.ProcParseException;
import dev.ktel.core.text.TextScanner;
import java.io.Closeable;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * A kernel pseudo-file kept open and re-read from offset 0 with as few preads as its kind allows. Unlike
 * {@link dev.ktel.core.io.ProcFile}, which reads on until a read returns nothing, a short read ends the read
 * when the content is known to come whole:
 * <ul>
 * <li>sysfs attributes (kernfs renders the attribute, at most a page, and copies all of it),
 * <li>procfs files made by {@code single_open()} (meminfo, pressure/*, net/netstat, net/snmp, net/snmp6,
 * net/sockstat: one record holds the whole text) and sysctl files under /proc/sys,
 * <li>regular files;
 * </ul>
 * use {@link #completeBelow} for seq_files of many records, where a first read stops when the next record
 * no longer fits the kernel's page-sized buffer: a read shorter than a page less the largest record ended at
 * EOF. The EOF read is not free: for /proc/net/udp it walks the socket table again. Allocation-free after
 * warm-up. Not thread-safe.
 */
public final class PseudoFile implements Closeable {
    /** Larger content is an error rather than a memory hazard. */
    private static final int MAX_SIZE = 64 << 20;

    private final Path path;
    private final String name;
    private final int completeBelow;
    private FileChannel channel;
    // the libc path (NativeIo.AVAILABLE): descriptor, C path and a bounce buffer, all kept
    private static final int NATIVE_CHUNK = 64 << 10;
    private int fd = -1;
    private MemorySegment cPath;
    private MemorySegment nativeBuf;
    private byte[] bytes;
    private ByteBuffer view;
    private int length;

    public PseudoFile(Path path) {
        this(path, 4096);
    }

    /** A file whose content comes whole in one read (sysfs attribute, single_open procfs file, sysctl). */
    public PseudoFile(Path path, int initialCapacity) {
        this(path, initialCapacity, Integer.MAX_VALUE);
    }

    private PseudoFile(Path path, int initialCapacity, int completeBelow) {
        this.path = path;
        this.name = path.toString();
        this.completeBelow = completeBelow;
        this.bytes = new byte[initialCapacity];
        this.view = ByteBuffer.wrap(bytes);
    }

    /**
     * A seq_file of many records no longer than {@code maxRecord} bytes: a first read shorter than a page
     * (4096 bytes, the smallest seq_file buffer) less {@code maxRecord} is the whole file.
     */
    public static PseudoFile completeBelow(Path path, int initialCapacity, int maxRecord) {
        return new PseudoFile(path, Math.max(initialCapacity, 8192), 4096 - maxRecord);
    }

    public Path path() {
        return path;
    }

    /** The path as a String, for error messages. */
    public String name() {
        return name;
    }

    /**
     * Reads the content afresh; returns the number of bytes now in {@link #bytes()}. On failure (absent,
     * EINVAL from a driver, a removed device) the file is closed, so the next read reopens it.
     */
    public int read() throws IOException {
        if (NativeIo.AVAILABLE) {
            int n = readNative();
            if (n >= 0) {
                return n;
            }
            close();
            if (-n != NativeIo.ENOENT && -n != NativeIo.ENOTDIR) {
                // the file may have been replaced or removed (a kept cgroup file answers ENODEV once its
                // cgroup is gone): reopen once, so "gone" shows as NoSuchFileException
                n = readNative();
                if (n >= 0) {
                    return n;
                }
                close();
            }
            if (-n == NativeIo.ENOENT || -n == NativeIo.ENOTDIR) {
                throw new NoSuchFileException(name);
            }
            throw new IOException(name + ": " + NativeIo.describe(-n));
        }
        try {
            if (channel == null) {
                channel = FileChannel.open(path, StandardOpenOption.READ);
            }
            int total = 0;
            while (true) {
                view.limit(bytes.length).position(total);
                int n = channel.read(view, total);
                if (n <= 0) {
                    break;
                }
                total += n;
                if (total < bytes.length && (total == n && total < completeBelow)) {
                    break; // a short first read is the whole content
                }
                if (total == bytes.length) {
                    if (bytes.length >= MAX_SIZE) {
                        throw new IOException(name + ": larger than " + MAX_SIZE + " bytes");
                    }
                    bytes = Arrays.copyOf(bytes, bytes.length * 2);
                    view = ByteBuffer.wrap(bytes);
                }
            }
            length = total;
            return total;
        } catch (IOException e) {
            close();
            throw e;
        }
    }

    /**
     * As {@link #read()}, but a file that cannot be read (absent, EINVAL from a driver, a removed device)
     * gives -1 instead of an exception (so is closed, to be reopened by the next read).
     */
    public int tryRead() {
        if (NativeIo.AVAILABLE) {
            int n = readNative();
            if (n < 0) {
                close();
            }
            return n < 0 ? -1 : n;
        }
        try {
            return read();
        } catch (IOException e) {
            return -1;
        }
    }

    /** Reads through libc; the byte count, or -errno. Reads into the native buffer's start, copies out. */
    private int readNative() {
        if (fd < 0) {
            if (cPath == null) {
                cPath = Arena.ofAuto().allocateFrom(name);
            }
            fd = NativeIo.open(cPath);
            if (fd < 0) {
                int errno = -fd;
                fd = -1;
                return -errno;
            }
        }
        if (nativeBuf == null || nativeBuf.byteSize() < Math.min(bytes.length, NATIVE_CHUNK)) {
            nativeBuf = Arena.ofAuto().allocate(Math.min(bytes.length, NATIVE_CHUNK));
        }
        int total = 0;
        while (true) {
            long room = Math.min(bytes.length - total, nativeBuf.byteSize());
            long n = NativeIo.pread(fd, nativeBuf, room, total);
            if (n < 0) {
                return (int) n;
            }
            if (n == 0) {
                break;
            }
            MemorySegment.copy(nativeBuf, ValueLayout.JAVA_BYTE, 0, bytes, total, (int) n);
            total += (int) n;
            if (total < bytes.length && total == n && n < room && total < completeBelow) {
                break; // a short first read is the whole content
            }
            if (total == bytes.length) {
                if (bytes.length >= MAX_SIZE) {
                    return -27; // EFBIG
                }
                bytes = Arrays.copyOf(bytes, bytes.length * 2);
                view = ByteBuffer.wrap(bytes);
            }
        }
        length = total;
        return total;
    }

    /** Reads a file holding one integer (e.g. a sysctl), as {@link dev.ktel.core.io.ProcFile#readLong()}. */
    public long readLong() throws IOException {
        int n = read();
        int end = n;
        while (end > 0 && (bytes[end - 1] == '\n' || bytes[end - 1] == ' ')) {
            end--;
        }
        boolean neg = end > 0 && bytes[0] == '-';
        long v = TextScanner.parseUnsigned(bytes, neg ? 1 : 0, end);
        if (v < 0) {
            throw new ProcParseException(name, 1, "value", "expected integer",
                    new String(bytes, 0, end, StandardCharsets.UTF_8));
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

    @Override
    public void close() {
        if (fd >= 0) {
            NativeIo.close(fd);
            fd = -1;
        }
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
