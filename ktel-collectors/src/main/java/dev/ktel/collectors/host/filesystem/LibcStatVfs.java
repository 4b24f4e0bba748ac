package dev.ktel.collectors.host.filesystem;

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
 * statvfs(3) through the Foreign Function and Memory API (no JNI). The struct layout is glibc's and musl's on
 * 64-bit Linux (x86_64, aarch64, ppc64le, riscv64, s390x): eleven 8-byte words then six ints, 112 bytes.
 * errno is captured with the call and turned into text with strerror(3).
 */
final class LibcStatVfs implements StatVfs {
    private static final StructLayout STATVFS = java.lang.foreign.MemoryLayout.structLayout(
            ValueLayout.JAVA_LONG.withName("f_bsize"),
            ValueLayout.JAVA_LONG.withName("f_frsize"),
            ValueLayout.JAVA_LONG.withName("f_blocks"),
            ValueLayout.JAVA_LONG.withName("f_bfree"),
            ValueLayout.JAVA_LONG.withName("f_bavail"),
            ValueLayout.JAVA_LONG.withName("f_files"),
            ValueLayout.JAVA_LONG.withName("f_ffree"),
            ValueLayout.JAVA_LONG.withName("f_favail"),
            ValueLayout.JAVA_LONG.withName("f_fsid"),
            ValueLayout.JAVA_LONG.withName("f_flag"),
            ValueLayout.JAVA_LONG.withName("f_namemax"),
            java.lang.foreign.MemoryLayout.sequenceLayout(6, ValueLayout.JAVA_INT).withName("f_spare"));
    private static final long FRSIZE = offset("f_frsize");
    private static final long BSIZE = offset("f_bsize");
    private static final long BLOCKS = offset("f_blocks");
    private static final long BFREE = offset("f_bfree");
    private static final long BAVAIL = offset("f_bavail");
    private static final long FILES = offset("f_files");
    private static final long FFREE = offset("f_ffree");

    private static final StructLayout CAPTURE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = CAPTURE.varHandle(
            java.lang.foreign.MemoryLayout.PathElement.groupElement("errno"));

    private final MethodHandle statvfs;
    // errno capture allocates per call: the plain handle serves the usual case, this one explains a failure
    private final MethodHandle statvfsErrno;
    private final MethodHandle strerror;

    private LibcStatVfs(MethodHandle statvfs, MethodHandle statvfsErrno, MethodHandle strerror) {
        this.statvfs = statvfs;
        this.statvfsErrno = statvfsErrno;
        this.strerror = strerror;
    }

    private static long offset(String field) {
        return STATVFS.byteOffset(java.lang.foreign.MemoryLayout.PathElement.groupElement(field));
    }

    /** Links statvfs from the C library; throws when the platform has none (not Linux/64-bit). */
    static LibcStatVfs load() {
        if (ValueLayout.ADDRESS.byteSize() != 8 || !System.getProperty("os.name", "").toLowerCase(Locale.ROOT)
                .contains("linux")) {
            throw new UnsupportedOperationException("statvfs layout known only for 64-bit Linux");
        }
        Linker linker = Linker.nativeLinker();
        var libc = linker.defaultLookup();
        MemorySegment symbol = libc.find("statvfs")
                .orElseThrow(() -> new UnsupportedOperationException("libc has no statvfs"));
        FunctionDescriptor type = FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS,
                ValueLayout.ADDRESS);
        MethodHandle statvfs = linker.downcallHandle(symbol, type);
        MethodHandle statvfsErrno = linker.downcallHandle(symbol, type, Linker.Option.captureCallState("errno"));
        MethodHandle strerror = linker.downcallHandle(
                libc.find("strerror").orElseThrow(() -> new UnsupportedOperationException("libc has no strerror")),
                FunctionDescriptor.of(ValueLayout.ADDRESS, ValueLayout.JAVA_INT));
        return new LibcStatVfs(statvfs, statvfsErrno, strerror);
    }

    /** Per calling thread: the struct and errno buffers and the C strings of the paths seen, reused. */
    private static final class Scratch {
        final Arena arena = Arena.ofAuto();
        final MemorySegment buf = arena.allocate(STATVFS);
        final MemorySegment capture = arena.allocate(CAPTURE);
        final java.util.HashMap<String, MemorySegment> paths = new java.util.HashMap<>();

        MemorySegment path(String path) {
            MemorySegment p = paths.get(path);
            if (p == null) {
                if (paths.size() >= 4096) {
                    paths.clear(); // mount churn: the auto arena frees the dropped strings
                }
                p = arena.allocateFrom(path);
                paths.put(path, p);
            }
            return p;
        }
    }

    private final ThreadLocal<Scratch> scratch = ThreadLocal.withInitial(Scratch::new);

    @Override
    public String stat(String path, long[] out) {
        try {
            Scratch sc = scratch.get();
            MemorySegment buf = sc.buf;
            MemorySegment capture = sc.capture;
            MemorySegment cPath = sc.path(path);
            int rc = (int) statvfs.invokeExact(cPath, buf);
            if (rc != 0) {
                rc = (int) statvfsErrno.invokeExact(capture, cPath, buf);
                if (rc != 0) {
                    return errorText((int) ERRNO.get(capture, 0L));
                }
            }
            long frsize = buf.get(ValueLayout.JAVA_LONG, FRSIZE);
            // Block counts are in f_frsize units; very old kernels left it 0 (then f_bsize applies).
            out[BLOCK_SIZE] = frsize != 0 ? frsize : buf.get(ValueLayout.JAVA_LONG, BSIZE);
            out[StatVfs.BLOCKS] = buf.get(ValueLayout.JAVA_LONG, BLOCKS);
            out[BLOCKS_FREE] = buf.get(ValueLayout.JAVA_LONG, BFREE);
            out[BLOCKS_AVAIL] = buf.get(ValueLayout.JAVA_LONG, BAVAIL);
            out[StatVfs.FILES] = buf.get(ValueLayout.JAVA_LONG, FILES);
            out[FILES_FREE] = buf.get(ValueLayout.JAVA_LONG, FFREE);
            return null;
        } catch (Throwable t) {
            return t.toString();
        }
    }

    /** strerror text with a lower-case first letter, like Go's syscall error strings node_exporter shows. */
    private String errorText(int errno) {
        try {
            MemorySegment s = (MemorySegment) strerror.invokeExact(errno);
            String text = s.reinterpret(256).getString(0);
            return text.isEmpty() ? "errno " + errno
                    : Character.toLowerCase(text.charAt(0)) + text.substring(1);
        } catch (Throwable t) {
            return "errno " + errno;
        }
    }
}
