package dev.ktel.collectors.host.uname;

import dev.ktel.collectors.CollectorUnavailableException;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

/**
 * Calls libc {@code int uname(struct utsname *buf)} (uname(2)) through the Foreign Function and Memory API.
 * On Linux {@code struct utsname} is six {@code char[65]} arrays: sysname, nodename, release, version,
 * machine, domainname (390 bytes). Not thread-safe: one reused buffer.
 */
final class LibcUname implements AutoCloseable {
    static final int FIELDS = 6;
    static final int SIZE = FIELDS * UnameParser.FIELD_LENGTH;

    private final MethodHandle handle;
    private final Arena arena = Arena.ofShared();
    private final MemorySegment buf;
    private final byte[] bytes = new byte[SIZE];

    private LibcUname(MethodHandle handle) {
        this.handle = handle;
        this.buf = arena.allocate(SIZE);
    }

    static LibcUname load() throws CollectorUnavailableException {
        if (!System.getProperty("os.name", "").equals("Linux")) {
            throw new CollectorUnavailableException("uname: struct utsname layout known only for Linux");
        }
        try {
            Linker linker = Linker.nativeLinker();
            MemorySegment symbol = linker.defaultLookup().find("uname")
                    .orElseThrow(() -> new CollectorUnavailableException("uname: symbol not found in libc"));
            return new LibcUname(linker.downcallHandle(symbol,
                    FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS)));
        } catch (IllegalCallerException | UnsupportedOperationException | LinkageError e) {
            throw new CollectorUnavailableException("uname: native access not available (" + e
                    + "); run with --enable-native-access=ALL-UNNAMED");
        }
    }

    void read(UnameParser parser, Uname into) throws IOException {
        int ret;
        try {
            ret = (int) handle.invokeExact(buf);
        } catch (Throwable t) {
            throw new IOException("uname call failed", t);
        }
        if (ret != 0) {
            throw new IOException("uname failed with " + ret);
        }
        MemorySegment.copy(buf, ValueLayout.JAVA_BYTE, 0, bytes, 0, SIZE);
        int n = UnameParser.FIELD_LENGTH;
        into.sysname = parser.cString(bytes, 0, n);
        into.nodename = parser.cString(bytes, n, n);
        into.release = parser.cString(bytes, 2 * n, n);
        into.version = parser.cString(bytes, 3 * n, n);
        into.machine = parser.cString(bytes, 4 * n, n);
        into.domainname = parser.cString(bytes, 5 * n, n);
    }

    @Override
    public void close() {
        arena.close();
    }
}
