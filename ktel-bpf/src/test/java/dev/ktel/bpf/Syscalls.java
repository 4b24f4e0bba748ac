package dev.ktel.bpf;

import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.invoke.MethodHandle;

/** Raw system calls through libc's variadic syscall(2), so no libc cache can skip the kernel entry. */
public final class Syscalls {
    public static final long SYS_GETPPID = 110; // x86_64
    private static final MethodHandle SYSCALL = Linker.nativeLinker().downcallHandle(
            Linker.nativeLinker().defaultLookup().find("syscall").orElseThrow(),
            FunctionDescriptor.of(JAVA_LONG, JAVA_LONG), Linker.Option.firstVariadicArg(1));

    private Syscalls() {
    }

    public static long getppid() {
        try {
            return (long) SYSCALL.invokeExact(SYS_GETPPID);
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }
}
