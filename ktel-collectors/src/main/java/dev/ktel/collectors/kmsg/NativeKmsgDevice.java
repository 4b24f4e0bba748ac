package dev.ktel.collectors.kmsg;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.nio.file.Path;

/**
 * {@code /dev/kmsg} opened with {@code O_RDONLY|O_NONBLOCK} through the C library. FileChannel cannot open a
 * file non-blocking, and a blocking read of /dev/kmsg waits for the next record; we need EAGAIN ("no more
 * records") and EPIPE ("records were overwritten") as distinct answers, so open/read/close are called directly.
 */
public final class NativeKmsgDevice implements KmsgDevice {
    private static final int O_RDONLY = 0;
    private static final int O_NONBLOCK = 0x800;
    private static final int EINTR = 4;
    private static final int EAGAIN = 11;
    private static final int EPIPE = 32;
    private static final int CLOCK_REALTIME = 0;
    private static final int CLOCK_MONOTONIC = 1;

    private static final Linker LINKER = Linker.nativeLinker();
    private static final StructLayout CALL_STATE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = CALL_STATE.varHandle(
            java.lang.foreign.MemoryLayout.PathElement.groupElement("errno"));
    private static final MethodHandle OPEN = LINKER.downcallHandle(LINKER.defaultLookup().find("open").orElseThrow(),
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT),
            Linker.Option.captureCallState("errno"));
    private static final MethodHandle READ = LINKER.downcallHandle(LINKER.defaultLookup().find("read").orElseThrow(),
            FunctionDescriptor.of(ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG),
            Linker.Option.captureCallState("errno"));
    private static final MethodHandle CLOSE = LINKER.downcallHandle(LINKER.defaultLookup().find("close").orElseThrow(),
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
    private static final MethodHandle CLOCK_GETTIME = LINKER.downcallHandle(
            LINKER.defaultLookup().find("clock_gettime").orElseThrow(),
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.ADDRESS));

    /** The kernel refuses reads into buffers smaller than a record (EINVAL); 8 KiB holds the largest one. */
    public static final int RECORD_MAX = 8192;

    private final Path path;
    private final Arena arena = Arena.ofShared();
    private final MemorySegment state = arena.allocate(CALL_STATE);
    private final MemorySegment buffer = arena.allocate(RECORD_MAX);
    private int fd;

    private NativeKmsgDevice(Path path, int fd) {
        this.path = path;
        this.fd = fd;
    }

    public static NativeKmsgDevice open(Path path) throws IOException {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment st = a.allocate(CALL_STATE);
            int fd = (int) OPEN.invokeExact(st, a.allocateFrom(path.toString()), O_RDONLY | O_NONBLOCK);
            if (fd < 0) {
                int errno = (int) ERRNO.get(st, 0L);
                throw new IOException("cannot open " + path + ": errno " + errno
                        + (errno == 13 || errno == 1 ? " (permission denied: reading the kernel log needs root, "
                                + "CAP_SYSLOG, or kernel.dmesg_restrict=0)" : ""));
            }
            return new NativeKmsgDevice(path, fd);
        } catch (IOException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IOException("cannot open " + path, t);
        }
    }

    @Override
    public synchronized int read(byte[] buf) throws IOException {
        if (fd < 0) {
            throw new IOException(path + " is closed");
        }
        while (true) {
            long n;
            try {
                n = (long) READ.invokeExact(state, fd, buffer, (long) Math.min(buf.length, RECORD_MAX));
            } catch (Throwable t) {
                throw new IOException("read " + path, t);
            }
            if (n >= 0) {
                MemorySegment.copy(buffer, ValueLayout.JAVA_BYTE, 0, buf, 0, (int) n);
                return (int) n;
            }
            int errno = (int) ERRNO.get(state, 0L);
            switch (errno) {
                case EINTR -> {
                }
                case EAGAIN -> {
                    return EMPTY;
                }
                case EPIPE -> {
                    return OVERWRITTEN;
                }
                default -> throw new IOException("read " + path + ": errno " + errno);
            }
        }
    }

    @Override
    public synchronized void close() {
        if (fd >= 0) {
            try {
                int unused = (int) CLOSE.invokeExact(fd);
            } catch (Throwable ignored) {
                // nothing sensible to do when close fails
            }
            fd = -1;
            arena.close();
        }
    }

    /** Wall-clock time of boot as the kernel log's clock sees it: CLOCK_REALTIME minus CLOCK_MONOTONIC, in ns. */
    public static long bootEpochNanos() {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment ts = a.allocate(16, 8);
            int rc1 = (int) CLOCK_GETTIME.invokeExact(CLOCK_REALTIME, ts);
            long real = ts.get(ValueLayout.JAVA_LONG, 0) * 1_000_000_000L + ts.get(ValueLayout.JAVA_LONG, 8);
            int rc2 = (int) CLOCK_GETTIME.invokeExact(CLOCK_MONOTONIC, ts);
            long mono = ts.get(ValueLayout.JAVA_LONG, 0) * 1_000_000_000L + ts.get(ValueLayout.JAVA_LONG, 8);
            if (rc1 != 0 || rc2 != 0) {
                throw new IllegalStateException("clock_gettime failed");
            }
            return real - mono;
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }
}
