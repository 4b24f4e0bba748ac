package dev.ktel.collectors.host.os;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Reads a whole small file with open(2), pread(2) and close(2) through the Foreign Function and Memory API:
 * the file is opened afresh on every read (so a file replaced by a package upgrade is seen at once) without
 * the objects a {@link java.nio.channels.FileChannel} costs per open, and a missing file is an errno, not an
 * exception. The path and buffers are allocated once; a read that does not fill the buffer is the whole file
 * (regular files read short only at EOF), so a small file costs three system calls. Not thread-safe.
 */
final class NativeFileReader implements AutoCloseable {
    private static final int O_RDONLY = 0;
    private static final int O_CLOEXEC = 0x80000; // same value on x86-64, aarch64, riscv64, ppc64le, s390x
    static final int ENOENT = 2;
    private static final StructLayout CAPTURE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = CAPTURE.varHandle(
            java.lang.foreign.MemoryLayout.PathElement.groupElement("errno"));
    // errno capture costs an allocation per call: the plain handles serve the usual case, the capturing one
    // is called again only to learn why an open failed.
    private static final MethodHandle OPEN;
    private static final MethodHandle OPEN_ERRNO;
    private static final MethodHandle PREAD;
    private static final MethodHandle CLOSE;

    static {
        MethodHandle open = null;
        MethodHandle openErrno = null;
        MethodHandle pread = null;
        MethodHandle close = null;
        try {
            if (System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux")
                    && ValueLayout.ADDRESS.byteSize() == 8) {
                Linker linker = Linker.nativeLinker();
                var libc = linker.defaultLookup();
                FunctionDescriptor openType = FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS,
                        ValueLayout.JAVA_INT, ValueLayout.JAVA_INT);
                MemorySegment openSymbol = libc.find("open").orElseThrow();
                open = linker.downcallHandle(openSymbol, openType, Linker.Option.firstVariadicArg(2));
                openErrno = linker.downcallHandle(openSymbol, openType, Linker.Option.firstVariadicArg(2),
                        Linker.Option.captureCallState("errno"));
                pread = linker.downcallHandle(libc.find("pread").orElseThrow(),
                        FunctionDescriptor.of(ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT, ValueLayout.ADDRESS,
                                ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG));
                close = linker.downcallHandle(libc.find("close").orElseThrow(),
                        FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
            }
        } catch (RuntimeException | LinkageError e) {
            open = null; // no native access: callers fall back to FileChannel
        }
        OPEN = open;
        OPEN_ERRNO = openErrno;
        PREAD = pread;
        CLOSE = close;
    }

    private final Arena arena = Arena.ofShared();
    private final MemorySegment path;
    private final MemorySegment capture;
    private MemorySegment buf;
    private byte[] bytes;

    private NativeFileReader(Path path, int capacity) {
        this.path = arena.allocateFrom(path.toString());
        this.capture = arena.allocate(CAPTURE);
        this.buf = arena.allocate(capacity);
        this.bytes = new byte[capacity];
    }

    /** A reader for {@code path}, or null when libc cannot be called (then use a FileChannel). */
    static NativeFileReader create(Path path, int capacity) {
        return OPEN == null || PREAD == null || CLOSE == null ? null : new NativeFileReader(path, capacity);
    }

    /** Reads the whole file into {@link #bytes()}; the number of bytes, or -errno (e.g. -ENOENT). */
    int read() {
        try {
            int fd = (int) OPEN.invokeExact(path, O_RDONLY | O_CLOEXEC, 0);
            if (fd < 0) {
                fd = (int) OPEN_ERRNO.invokeExact(capture, path, O_RDONLY | O_CLOEXEC, 0);
                if (fd < 0) {
                    return -(int) ERRNO.get(capture, 0L);
                }
            }
            try {
                long total = 0;
                while (true) {
                    if (total == buf.byteSize()) {
                        if (total >= (1 << 20)) {
                            return -27; // EFBIG: not an os-release file
                        }
                        MemorySegment bigger = arena.allocate(buf.byteSize() * 2);
                        bigger.copyFrom(buf);
                        buf = bigger;
                    }
                    long room = buf.byteSize() - total;
                    MemorySegment at = total == 0 ? buf : buf.asSlice(total);
                    long n = (long) PREAD.invokeExact(fd, at, room, total);
                    if (n < 0) {
                        return -5; // EIO: reading an opened regular file failed
                    }
                    total += n;
                    if (n < room) {
                        break; // a regular file reads short only at its end
                    }
                }
                if (bytes.length < total) {
                    bytes = new byte[(int) buf.byteSize()];
                }
                MemorySegment.copy(buf, ValueLayout.JAVA_BYTE, 0, bytes, 0, (int) total);
                return (int) total;
            } finally {
                int ignored = (int) CLOSE.invokeExact(fd);
            }
        } catch (Throwable t) {
            throw new IllegalStateException("native read of " + path.getString(0) + " failed", t);
        }
    }

    byte[] bytes() {
        return bytes;
    }

    @Override
    public void close() {
        arena.close();
    }
}
