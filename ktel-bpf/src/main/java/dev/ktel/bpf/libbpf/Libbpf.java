package dev.ktel.bpf.libbpf;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BOOLEAN;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.invoke.VarHandle;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Downcall handles into the system {@code libbpf.so.1} (libbpf 1.x API) through java.lang.foreign; no JNI.
 *
 * <p>libbpf 1.x returns {@code -errno} from int-returning calls and NULL (with errno set) from
 * pointer-returning ones; the latter are linked with {@code captureCallState("errno")} and wrapped here so
 * that callers get a {@link BpfException} with the errno text. libbpf's own log goes to slf4j (logger
 * {@code dev.ktel.bpf.libbpf}) and, while {@link #capture} is active on a thread, also into a buffer so a
 * failed load can report its verifier log excerpt.
 *
 * <p>x86-64 only for now: the print callback hands the {@code va_list} to libc's {@code vsnprintf} as an
 * address, which is how the x86-64 ABI passes it.
 */
public final class Libbpf {
    private static final Logger LOG = LoggerFactory.getLogger("dev.ktel.bpf.libbpf");
    private static final Linker LINKER = Linker.nativeLinker();
    private static final StructLayout CALL_STATE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = CALL_STATE.varHandle(MemoryLayout_path("errno"));
    private static final Linker.Option CAPTURE_ERRNO = Linker.Option.captureCallState("errno");
    private static final ThreadLocal<StringBuilder> CAPTURE = new ThreadLocal<>();

    private static final String UNAVAILABLE;
    private static final SymbolLookup LIB;

    static {
        SymbolLookup lib = null;
        String why = null;
        try {
            lib = SymbolLookup.libraryLookup("libbpf.so.1", Arena.global());
        } catch (IllegalArgumentException e) {
            why = "libbpf.so.1 not found (install libbpf1): " + e.getMessage();
        }
        LIB = lib;
        UNAVAILABLE = why;
    }

    private static MethodHandle h(String name, FunctionDescriptor fd, Linker.Option... options) {
        if (LIB == null) {
            return null;
        }
        return LIB.find(name).map(a -> LINKER.downcallHandle(a, fd, options)).orElse(null);
    }

    private static MethodHandle libc(String name, FunctionDescriptor fd, Linker.Option... options) {
        return LINKER.defaultLookup().find(name).map(a -> LINKER.downcallHandle(a, fd, options)).orElseThrow();
    }

    // objects
    static final MethodHandle OBJECT_OPEN_FILE = h("bpf_object__open_file", FunctionDescriptor.of(ADDRESS, ADDRESS, ADDRESS), CAPTURE_ERRNO);
    static final MethodHandle OBJECT_OPEN_MEM = h("bpf_object__open_mem", FunctionDescriptor.of(ADDRESS, ADDRESS, JAVA_LONG, ADDRESS), CAPTURE_ERRNO);
    static final MethodHandle OBJECT_LOAD = h("bpf_object__load", FunctionDescriptor.of(JAVA_INT, ADDRESS));
    static final MethodHandle OBJECT_CLOSE = h("bpf_object__close", FunctionDescriptor.ofVoid(ADDRESS));
    static final MethodHandle OBJECT_NEXT_PROGRAM = h("bpf_object__next_program", FunctionDescriptor.of(ADDRESS, ADDRESS, ADDRESS));
    static final MethodHandle OBJECT_FIND_MAP = h("bpf_object__find_map_by_name", FunctionDescriptor.of(ADDRESS, ADDRESS, ADDRESS));
    // programs
    static final MethodHandle PROGRAM_NAME = h("bpf_program__name", FunctionDescriptor.of(ADDRESS, ADDRESS));
    static final MethodHandle PROGRAM_SECTION = h("bpf_program__section_name", FunctionDescriptor.of(ADDRESS, ADDRESS));
    static final MethodHandle PROGRAM_SET_AUTOLOAD = h("bpf_program__set_autoload", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_BOOLEAN));
    static final MethodHandle PROGRAM_AUTOLOAD = h("bpf_program__autoload", FunctionDescriptor.of(JAVA_BOOLEAN, ADDRESS));
    static final MethodHandle PROGRAM_FD = h("bpf_program__fd", FunctionDescriptor.of(JAVA_INT, ADDRESS));
    static final MethodHandle PROGRAM_ATTACH = h("bpf_program__attach", FunctionDescriptor.of(ADDRESS, ADDRESS), CAPTURE_ERRNO);
    static final MethodHandle LINK_DESTROY = h("bpf_link__destroy", FunctionDescriptor.of(JAVA_INT, ADDRESS));
    // maps
    static final MethodHandle MAP_FD = h("bpf_map__fd", FunctionDescriptor.of(JAVA_INT, ADDRESS));
    static final MethodHandle MAP_KEY_SIZE = h("bpf_map__key_size", FunctionDescriptor.of(JAVA_INT, ADDRESS));
    static final MethodHandle MAP_VALUE_SIZE = h("bpf_map__value_size", FunctionDescriptor.of(JAVA_INT, ADDRESS));
    static final MethodHandle MAP_MAX_ENTRIES = h("bpf_map__max_entries", FunctionDescriptor.of(JAVA_INT, ADDRESS));
    static final MethodHandle MAP_TYPE = h("bpf_map__type", FunctionDescriptor.of(JAVA_INT, ADDRESS));
    static final MethodHandle MAP_INITIAL_VALUE = h("bpf_map__initial_value", FunctionDescriptor.of(ADDRESS, ADDRESS, ADDRESS));
    static final MethodHandle MAP_LOOKUP_ELEM = h("bpf_map_lookup_elem", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, ADDRESS));
    static final MethodHandle MAP_LOOKUP_BATCH = h("bpf_map_lookup_batch",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS));
    static final MethodHandle MAP_UPDATE_ELEM = h("bpf_map_update_elem", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, ADDRESS, JAVA_LONG));
    static final MethodHandle MAP_GET_NEXT_KEY = h("bpf_map_get_next_key", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, ADDRESS));
    static final MethodHandle NUM_POSSIBLE_CPUS = h("libbpf_num_possible_cpus", FunctionDescriptor.of(JAVA_INT));
    // ring buffer
    static final MethodHandle RING_BUFFER_NEW = h("ring_buffer__new", FunctionDescriptor.of(ADDRESS, JAVA_INT, ADDRESS, ADDRESS, ADDRESS), CAPTURE_ERRNO);
    static final MethodHandle RING_BUFFER_POLL = h("ring_buffer__poll", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
    static final MethodHandle RING_BUFFER_FREE = h("ring_buffer__free", FunctionDescriptor.ofVoid(ADDRESS));
    // stats and misc
    static final MethodHandle BTF_LOAD_VMLINUX = h("btf__load_vmlinux_btf", FunctionDescriptor.of(ADDRESS));
    static final MethodHandle BTF_FIND_BY_NAME_KIND = h("btf__find_by_name_kind", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, JAVA_INT));
    static final MethodHandle BTF_TYPE_BY_ID = h("btf__type_by_id", FunctionDescriptor.of(ADDRESS, ADDRESS, JAVA_INT));
    static final MethodHandle BTF_NAME_BY_OFFSET = h("btf__name_by_offset", FunctionDescriptor.of(ADDRESS, ADDRESS, JAVA_INT));
    static final MethodHandle BTF_FREE = h("btf__free", FunctionDescriptor.ofVoid(ADDRESS));
    static final MethodHandle ENABLE_STATS = h("bpf_enable_stats", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    static final MethodHandle OBJ_GET_INFO_BY_FD = h("bpf_obj_get_info_by_fd", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, ADDRESS));
    static final MethodHandle STRERROR = h("libbpf_strerror", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_LONG));
    static final MethodHandle SET_PRINT = h("libbpf_set_print", FunctionDescriptor.of(ADDRESS, ADDRESS));
    static final MethodHandle VERSION_STRING = h("libbpf_version_string", FunctionDescriptor.of(ADDRESS));
    static final MethodHandle VSNPRINTF = libc("vsnprintf", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG, ADDRESS, ADDRESS));
    static final MethodHandle CLOSE = libc("close", FunctionDescriptor.of(JAVA_INT, JAVA_INT));

    private static final int LIBBPF_WARN = 0;
    private static final int LIBBPF_INFO = 1;

    static {
        if (SET_PRINT != null) {
            try {
                MethodHandle cb = MethodHandles.lookup().findStatic(Libbpf.class, "print",
                        MethodType.methodType(int.class, int.class, MemorySegment.class, MemorySegment.class));
                MemorySegment stub = LINKER.upcallStub(cb, FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, ADDRESS),
                        Arena.global());
                MemorySegment unused = (MemorySegment) SET_PRINT.invokeExact(stub);
            } catch (Throwable t) {
                LOG.warn("libbpf_set_print failed; libbpf's log goes to stderr", t);
            }
        }
    }

    private Libbpf() {
    }

    /** Null when libbpf can be used, else why not (for "unavailable" reasons). */
    public static String unavailableReason() {
        return UNAVAILABLE;
    }

    public static String version() {
        try {
            return cString((MemorySegment) VERSION_STRING.invokeExact());
        } catch (Throwable t) {
            return "unknown";
        }
    }

    /** libbpf's message for a (positive) errno. */
    public static String strerror(int errno) {
        if (STRERROR == null) {
            return "errno " + errno;
        }
        try (Arena a = Arena.ofConfined()) {
            MemorySegment buf = a.allocate(256);
            int unused = (int) STRERROR.invokeExact(errno, buf, 256L);
            return buf.getString(0);
        } catch (Throwable t) {
            return "errno " + errno;
        }
    }

    /** libbpf's print callback: never lets an exception escape into native code (that would kill the JVM). */
    private static int print(int level, MemorySegment fmt, MemorySegment args) {
        try {
            try (Arena a = Arena.ofConfined()) {
                MemorySegment b = a.allocate(1024);
                int n = (int) VSNPRINTF.invokeExact(b, 1024L, fmt, args);
                String line = b.getString(0).stripTrailing();
                StringBuilder capture = CAPTURE.get();
                if (capture != null) {
                    capture.append(line).append('\n');
                }
                if (level == LIBBPF_WARN) {
                    LOG.warn("{}", line);
                } else if (level == LIBBPF_INFO) {
                    LOG.info("{}", line);
                } else {
                    LOG.debug("{}", line);
                }
                return n;
            }
        } catch (Throwable t) {
            return 0;
        }
    }

    /** Starts capturing libbpf's log lines on this thread; {@link #endCapture} returns them. */
    static void capture() {
        CAPTURE.set(new StringBuilder());
    }

    static String endCapture() {
        StringBuilder b = CAPTURE.get();
        CAPTURE.remove();
        return b == null ? "" : b.toString();
    }

    static int errno(MemorySegment callState) {
        return (int) ERRNO.get(callState, 0L);
    }

    static MemorySegment callState(Arena a) {
        return a.allocate(CALL_STATE);
    }

    static String cString(MemorySegment p) {
        if (p == null || p.equals(MemorySegment.NULL)) {
            return null;
        }
        return p.reinterpret(Long.MAX_VALUE).getString(0, StandardCharsets.UTF_8);
    }

    static int possibleCpus() {
        try {
            int n = (int) NUM_POSSIBLE_CPUS.invokeExact();
            if (n <= 0) {
                throw new IllegalStateException("libbpf_num_possible_cpus: " + strerror(-n));
            }
            return n;
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    static void closeFd(int fd) {
        try {
            int unused = (int) CLOSE.invokeExact(fd);
        } catch (Throwable ignored) {
            // nothing to do
        }
    }

    static RuntimeException rethrow(Throwable t) {
        if (t instanceof RuntimeException r) {
            return r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        return new IllegalStateException(t);
    }

    /**
     * Turns on the kernel's BPF run-time statistics (bpf_enable_stats(BPF_STATS_RUN_TIME)) until the returned
     * handle is closed. Costs two clock reads per program run while on.
     */
    public static AutoCloseable enableRunStats() throws BpfException {
        int fd;
        try {
            fd = (int) ENABLE_STATS.invokeExact(0);
        } catch (Throwable t) {
            throw rethrow(t);
        }
        if (fd < 0) {
            throw new BpfException("bpf_enable_stats(BPF_STATS_RUN_TIME)", -fd, null);
        }
        return () -> closeFd(fd);
    }

    private static java.lang.foreign.MemoryLayout.PathElement MemoryLayout_path(String name) {
        return java.lang.foreign.MemoryLayout.PathElement.groupElement(name);
    }

}
