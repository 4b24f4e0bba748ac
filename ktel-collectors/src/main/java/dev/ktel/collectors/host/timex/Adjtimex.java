package dev.ktel.collectors.host.timex;

import dev.ktel.collectors.CollectorUnavailableException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;

/**
 * Calls libc {@code int adjtimex(struct timex *buf)} (adjtimex(2)) in read-only mode ({@code modes = 0},
 * which needs no privilege) through the Foreign Function and Memory API.
 *
 * <p>{@code struct timex} on LP64 Linux (glibc, x86-64 and aarch64; 208 bytes, every {@code long} 8-aligned):
 * <pre>
 * off  type            field        off  type            field
 *   0  unsigned int    modes        96  long            ppsfreq
 *   8  long            offset      104  long            jitter
 *  16  long            freq        112  int             shift
 *  24  long            maxerror    120  long            stabil
 *  32  long            esterror    128  long            jitcnt
 *  40  int             status      136  long            calcnt
 *  48  long            constant    144  long            errcnt
 *  56  long            precision   152  long            stbcnt
 *  64  long            tolerance   160  int             tai
 *  72  struct timeval  time (16)   164  int[11]         reserved
 *  88  long            tick
 * </pre>
 * Not thread-safe: one reused buffer.
 */
public final class Adjtimex implements AutoCloseable {
    static final long SIZE = 208;
    static final long OFFSET = 8;
    static final long FREQ = 16;
    static final long MAXERROR = 24;
    static final long ESTERROR = 32;
    static final long STATUS = 40;
    static final long CONSTANT = 48;
    static final long TICK = 88;
    static final long PPSFREQ = 96;
    static final long JITTER = 104;
    static final long SHIFT = 112;
    static final long STABIL = 120;
    static final long JITCNT = 128;
    static final long CALCNT = 136;
    static final long ERRCNT = 144;
    static final long STBCNT = 152;
    static final long TAI = 160;

    private static final StructLayout CALL_STATE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = CALL_STATE.varHandle(
            java.lang.foreign.MemoryLayout.PathElement.groupElement("errno"));

    private final MethodHandle handle;
    // errno capture allocates per call: the plain handle serves the usual case, this one explains a failure
    private final MethodHandle handleErrno;
    private final Arena arena = Arena.ofShared();
    private final MemorySegment buf;
    private final MemorySegment callState;

    private Adjtimex(MethodHandle handle, MethodHandle handleErrno) {
        this.handle = handle;
        this.handleErrno = handleErrno;
        this.buf = arena.allocate(SIZE, 8);
        this.callState = arena.allocate(CALL_STATE);
    }

    /** Binds adjtimex, or says why this platform cannot. */
    public static Adjtimex load() throws CollectorUnavailableException {
        String os = System.getProperty("os.name", "");
        String arch = System.getProperty("os.arch", "");
        if (!os.equals("Linux") || !(arch.equals("amd64") || arch.equals("x86_64") || arch.equals("aarch64"))) {
            throw new CollectorUnavailableException("adjtimex: struct timex layout known only for Linux x86-64 "
                    + "and aarch64, this is " + os + " " + arch);
        }
        try {
            Linker linker = Linker.nativeLinker();
            MemorySegment symbol = linker.defaultLookup().find("adjtimex")
                    .orElseThrow(() -> new CollectorUnavailableException("adjtimex: symbol not found in libc"));
            FunctionDescriptor type = FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS);
            return new Adjtimex(linker.downcallHandle(symbol, type),
                    linker.downcallHandle(symbol, type, Linker.Option.captureCallState("errno")));
        } catch (IllegalCallerException | UnsupportedOperationException | LinkageError e) {
            throw new CollectorUnavailableException("adjtimex: native access not available (" + e
                    + "); run with --enable-native-access=ALL-UNNAMED");
        }
    }

    /** Reads the kernel clock state into {@code into}; throws with errno on failure. */
    public void read(Timex into) throws java.io.IOException {
        buf.fill((byte) 0); // modes = 0: read only
        int ret;
        try {
            ret = (int) handle.invokeExact(buf);
            if (ret < 0) {
                buf.fill((byte) 0);
                ret = (int) handleErrno.invokeExact(callState, buf);
            }
        } catch (Throwable t) {
            throw new java.io.IOException("adjtimex call failed", t);
        }
        if (ret < 0) {
            int errno = (int) ERRNO.get(callState, 0L);
            throw new java.io.IOException("adjtimex failed: errno " + errno + (errno == 1 ? " (EPERM)" : ""));
        }
        decode(buf, ret, into);
    }

    /** Copies the exported fields of a {@code struct timex} image. Pure; used by tests with a crafted buffer. */
    static void decode(MemorySegment s, int state, Timex into) {
        into.state = state;
        into.offset = s.get(ValueLayout.JAVA_LONG, OFFSET);
        into.freq = s.get(ValueLayout.JAVA_LONG, FREQ);
        into.maxerror = s.get(ValueLayout.JAVA_LONG, MAXERROR);
        into.esterror = s.get(ValueLayout.JAVA_LONG, ESTERROR);
        into.status = s.get(ValueLayout.JAVA_INT, STATUS);
        into.constant = s.get(ValueLayout.JAVA_LONG, CONSTANT);
        into.tick = s.get(ValueLayout.JAVA_LONG, TICK);
        into.ppsfreq = s.get(ValueLayout.JAVA_LONG, PPSFREQ);
        into.jitter = s.get(ValueLayout.JAVA_LONG, JITTER);
        into.shift = s.get(ValueLayout.JAVA_INT, SHIFT);
        into.stabil = s.get(ValueLayout.JAVA_LONG, STABIL);
        into.jitcnt = s.get(ValueLayout.JAVA_LONG, JITCNT);
        into.calcnt = s.get(ValueLayout.JAVA_LONG, CALCNT);
        into.errcnt = s.get(ValueLayout.JAVA_LONG, ERRCNT);
        into.stbcnt = s.get(ValueLayout.JAVA_LONG, STBCNT);
        into.tai = s.get(ValueLayout.JAVA_INT, TAI);
    }

    @Override
    public void close() {
        arena.close();
    }
}
