package dev.ktel.bpf;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.Linker;
import java.lang.invoke.MethodHandle;

/** Raw system calls through libc's variadic syscall(2), so no libc cache can skip the kernel entry. */
public final class Syscalls {
    public static final long SYS_GETPPID = 110; // x86_64
    public static final long SYS_NANOSLEEP = 35;
    public static final long SYS_GETTID = 186;
    private static final MethodHandle SYSCALL = Linker.nativeLinker().downcallHandle(
            Linker.nativeLinker().defaultLookup().find("syscall").orElseThrow(),
            FunctionDescriptor.of(JAVA_LONG, JAVA_LONG), Linker.Option.firstVariadicArg(1));

    private static final MethodHandle SYSCALL_PP = Linker.nativeLinker().downcallHandle(
            Linker.nativeLinker().defaultLookup().find("syscall").orElseThrow(),
            FunctionDescriptor.of(JAVA_LONG, JAVA_LONG, ADDRESS, ADDRESS), Linker.Option.firstVariadicArg(1));

    private Syscalls() {
    }

    public static long getppid() {
        try {
            return (long) SYSCALL.invokeExact(SYS_GETPPID);
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    public static int gettid() {
        try {
            return (int) (long) SYSCALL.invokeExact(SYS_GETTID);
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /** nanosleep(2): a syscall that blocks, so the task is switched out inside it. */
    public static long nanosleep(long nanos) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment ts = a.allocate(16, 8);
            ts.set(JAVA_LONG, 0, nanos / 1_000_000_000L);
            ts.set(JAVA_LONG, 8, nanos % 1_000_000_000L);
            return (long) SYSCALL_PP.invokeExact(SYS_NANOSLEEP, ts, MemorySegment.NULL);
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }
}
