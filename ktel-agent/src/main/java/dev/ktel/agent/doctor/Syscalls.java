package dev.ktel.agent.doctor;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;

/**
 * The two raw syscalls the doctor probes with, through libc's variadic {@code long syscall(long number, ...)}
 * via java.lang.foreign, capturing errno. glibc has no wrapper for {@code bpf(2)} or {@code perf_event_open(2)}.
 * Needs native access ({@code --enable-native-access=ALL-UNNAMED}); without it calls throw and the check that
 * made them reports {@code error}.
 */
final class Syscalls {

    /** Return value and errno (meaningful only when {@code value < 0}). */
    record Result(long value, int errno) {
        boolean ok() {
            return value >= 0;
        }

        String errnoText() {
            return Errno.describe(errno);
        }
    }

    /** Syscall numbers of the running architecture (arch/x86/entry/syscalls, include/uapi/asm-generic/unistd.h). */
    record Numbers(long bpf, long perfEventOpen) {
        static Numbers forArch(String osArch) {
            return switch (osArch) {
                case "amd64", "x86_64" -> new Numbers(321, 298);
                case "aarch64", "arm64", "riscv64" -> new Numbers(280, 241);
                case "ppc64le", "ppc64" -> new Numbers(361, 319);
                case "s390x" -> new Numbers(351, 331);
                default -> throw new UnsupportedOperationException(
                        "syscall numbers for architecture " + osArch + " are not known to ktel doctor");
            };
        }
    }

    private static final class Holder {
        static final Linker LINKER = Linker.nativeLinker();
        static final StructLayout CAPTURE = Linker.Option.captureStateLayout();
        static final VarHandle ERRNO = CAPTURE.varHandle(MemoryLayout.PathElement.groupElement("errno"));
        // long syscall(long nr, ...): five variadic longs cover both calls; unused ones are ignored by the kernel.
        static final MethodHandle SYSCALL = LINKER.downcallHandle(
                LINKER.defaultLookup().find("syscall").orElseThrow(),
                FunctionDescriptor.of(JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG),
                Linker.Option.firstVariadicArg(1),
                Linker.Option.captureCallState("errno"));
        static final MethodHandle CLOSE = LINKER.downcallHandle(
                LINKER.defaultLookup().find("close").orElseThrow(),
                FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    }

    static final int BPF_MAP_CREATE = 0;
    static final int BPF_MAP_TYPE_ARRAY = 2;

    static final int PERF_TYPE_HARDWARE = 0;
    static final int PERF_TYPE_SOFTWARE = 1;
    static final long PERF_COUNT_HW_CPU_CYCLES = 0;
    static final long PERF_COUNT_SW_CPU_CLOCK = 0;
    /** PERF_ATTR_SIZE_VER0: the kernel accepts the original 64-byte layout. */
    static final int PERF_ATTR_SIZE_VER0 = 64;

    private Syscalls() {
    }

    static Numbers numbers() {
        return Numbers.forArch(System.getProperty("os.arch", ""));
    }

    /**
     * {@code bpf(BPF_MAP_CREATE)} of a one-element array map (4-byte key and value). Returns the new fd, or -1
     * with errno.
     */
    static Result bpfCreateTinyArrayMap() {
        long nr = numbers().bpf();
        try (Arena arena = Arena.ofConfined()) {
            // union bpf_attr, BPF_MAP_CREATE member: map_type, key_size, value_size, max_entries, map_flags (u32 each)
            // followed by fields that must stay zero; 64 bytes covers up to map_name.
            MemorySegment attr = arena.allocate(64, 8);
            attr.set(JAVA_INT, 0, BPF_MAP_TYPE_ARRAY);
            attr.set(JAVA_INT, 4, 4);
            attr.set(JAVA_INT, 8, 4);
            attr.set(JAVA_INT, 12, 1);
            return call(arena, nr, BPF_MAP_CREATE, attr.address(), attr.byteSize(), 0, 0);
        }
    }

    /**
     * {@code perf_event_open} of a counter on this process (pid 0, any CPU), created disabled and counting user
     * space only, so it needs no privilege at perf_event_paranoid &lt;= 2. Returns the fd, or -1 with errno.
     */
    static Result perfEventOpen(int type, long config) {
        long nr = numbers().perfEventOpen();
        try (Arena arena = Arena.ofConfined()) {
            // struct perf_event_attr: type u32 @0, size u32 @4, config u64 @8, ..., flag bits u64 @40
            MemorySegment attr = arena.allocate(PERF_ATTR_SIZE_VER0, 8);
            attr.set(JAVA_INT, 0, type);
            attr.set(JAVA_INT, 4, PERF_ATTR_SIZE_VER0);
            attr.set(JAVA_LONG, 8, config);
            long disabled = 1L;
            long excludeKernel = 1L << 5;
            long excludeHv = 1L << 6;
            attr.set(JAVA_LONG, 40, disabled | excludeKernel | excludeHv);
            return call(arena, nr, attr.address(), 0, -1, -1, 0);
        }
    }

    /** close(2); errors are ignored (the fd was ours and is not reused by the doctor). */
    static void close(long fd) {
        if (fd >= 0) {
            try {
                int ignored = (int) Holder.CLOSE.invokeExact((int) fd);
            } catch (RuntimeException | Error e) {
                throw e;
            } catch (Throwable t) {
                throw new IllegalStateException(t);
            }
        }
    }

    private static Result call(Arena arena, long nr, long a1, long a2, long a3, long a4, long a5) {
        MemorySegment state = arena.allocate(Holder.CAPTURE);
        long rc;
        try {
            rc = (long) Holder.SYSCALL.invokeExact(state, nr, a1, a2, a3, a4, a5);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
        int errno = rc < 0 ? (int) Holder.ERRNO.get(state, 0L) : 0;
        return new Result(rc, errno);
    }
}
