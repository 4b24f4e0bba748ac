package dev.ktel.collectors;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.util.Locale;

/**
 * open(2), pread(2) and close(2) through the Foreign Function and Memory API for {@link PseudoFile}: fewer
 * layers than a FileChannel per read, and failures are return values rather than exceptions. errno capture
 * allocates per call, so the plain handles serve the usual case and the capturing ones are called again only
 * to tell why a call failed. {@link #AVAILABLE} is false without native access (then FileChannel is used).
 */
final class NativeIo {
    static final int ENOENT = 2;
    static final int ENOTDIR = 20;
    private static final int O_RDONLY_CLOEXEC = 0x80000; // O_CLOEXEC: one value on all 64-bit Linux ABIs
    private static final StructLayout CAPTURE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = CAPTURE.varHandle(
            java.lang.foreign.MemoryLayout.PathElement.groupElement("errno"));
    private static final MethodHandle OPEN;
    private static final MethodHandle OPEN_ERRNO;
    private static final MethodHandle PREAD;
    private static final MethodHandle PREAD_ERRNO;
    private static final MethodHandle CLOSE;
    static final boolean AVAILABLE;

    static {
        MethodHandle[] h = new MethodHandle[5];
        boolean ok = false;
        try {
            if (System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux")
                    && ValueLayout.ADDRESS.byteSize() == 8 && !Boolean.getBoolean("ktel.noNativeIo")) {
                Linker linker = Linker.nativeLinker();
                var libc = linker.defaultLookup();
                MemorySegment open = libc.find("open").orElseThrow();
                MemorySegment pread = libc.find("pread").orElseThrow();
                FunctionDescriptor openType = FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS,
                        ValueLayout.JAVA_INT, ValueLayout.JAVA_INT);
                FunctionDescriptor preadType = FunctionDescriptor.of(ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT,
                        ValueLayout.ADDRESS, ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG);
                h[0] = linker.downcallHandle(open, openType, Linker.Option.firstVariadicArg(2));
                h[1] = linker.downcallHandle(open, openType, Linker.Option.firstVariadicArg(2),
                        Linker.Option.captureCallState("errno"));
                h[2] = linker.downcallHandle(pread, preadType);
                h[3] = linker.downcallHandle(pread, preadType, Linker.Option.captureCallState("errno"));
                h[4] = linker.downcallHandle(libc.find("close").orElseThrow(),
                        FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
                ok = true;
            }
        } catch (RuntimeException | LinkageError e) {
            ok = false;
        }
        OPEN = h[0];
        OPEN_ERRNO = h[1];
        PREAD = h[2];
        PREAD_ERRNO = h[3];
        CLOSE = h[4];
        AVAILABLE = ok;
    }

    private NativeIo() {
    }

    /** A file descriptor, or -errno. */
    static int open(MemorySegment path) {
        try {
            int fd = (int) OPEN.invokeExact(path, O_RDONLY_CLOEXEC, 0);
            if (fd >= 0) {
                return fd;
            }
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment capture = arena.allocate(CAPTURE);
                fd = (int) OPEN_ERRNO.invokeExact(capture, path, O_RDONLY_CLOEXEC, 0);
                return fd >= 0 ? fd : -(int) ERRNO.get(capture, 0L);
            }
        } catch (Throwable t) {
            throw new IllegalStateException("open failed", t);
        }
    }

    /** Bytes read into {@code buf} from {@code offset}, 0 at EOF, or -errno. */
    static long pread(int fd, MemorySegment buf, long count, long offset) {
        try {
            long n = (long) PREAD.invokeExact(fd, buf, count, offset);
            if (n >= 0) {
                return n;
            }
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment capture = arena.allocate(CAPTURE);
                n = (long) PREAD_ERRNO.invokeExact(capture, fd, buf, count, offset);
                return n >= 0 ? n : -(int) ERRNO.get(capture, 0L);
            }
        } catch (Throwable t) {
            throw new IllegalStateException("pread failed", t);
        }
    }

    static void close(int fd) {
        try {
            int ignored = (int) CLOSE.invokeExact(fd);
        } catch (Throwable t) {
            throw new IllegalStateException("close failed", t);
        }
    }

    /** errno as the text Java's file APIs give (strerror's wording) for the common cases. */
    static String describe(int errno) {
        return switch (errno) {
            case 2 -> "No such file or directory";
            case 5 -> "Input/output error";
            case 13 -> "Permission denied";
            case 19 -> "No such device";
            case 21 -> "Is a directory";
            case 22 -> "Invalid argument";
            case 61 -> "No data available";
            case 95 -> "Operation not supported";
            default -> "errno " + errno;
        };
    }
}
