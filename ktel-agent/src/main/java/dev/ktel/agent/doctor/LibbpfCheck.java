package dev.ktel.agent.doctor;

import static java.lang.foreign.ValueLayout.ADDRESS;

import dev.ktel.core.io.HostPaths;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.util.Optional;

/**
 * Whether the system's {@code libbpf.so.1} (ktel's eBPF loader, called through java.lang.foreign) can be loaded,
 * and its {@code libbpf_version_string()}. The library is loaded into this process and unloaded again.
 */
final class LibbpfCheck implements DoctorCheck {
    static final String NAME = "libbpf";
    static final String LIBRARY = "libbpf.so.1";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Check run(HostPaths paths) throws Exception {
        try (Arena arena = Arena.ofConfined()) {
            SymbolLookup lib;
            try {
                lib = SymbolLookup.libraryLookup(LIBRARY, arena);
            } catch (IllegalArgumentException e) {
                return Check.missing(NAME, LIBRARY + " cannot be loaded: " + e.getMessage(),
                        "no eBPF probes (ktel loads them through libbpf); install libbpf1 (Debian/Ubuntu) or "
                                + "libbpf (Fedora/RHEL); /proc and /sys collectors still work");
            }
            Optional<MemorySegment> fn = lib.find("libbpf_version_string");
            if (fn.isEmpty()) {
                return Check.degraded(NAME, LIBRARY + " loaded but has no libbpf_version_string() (older than 0.7)",
                        "libbpf is too old for ktel's probes; install libbpf 1.x (libbpf1 on Debian)");
            }
            MethodHandle versionString = Linker.nativeLinker().downcallHandle(fn.get(), FunctionDescriptor.of(ADDRESS));
            MemorySegment cstr;
            try {
                cstr = (MemorySegment) versionString.invokeExact();
            } catch (RuntimeException | Error e) {
                throw e;
            } catch (Throwable t) {
                throw new IllegalStateException(t);
            }
            String version = cstr.equals(MemorySegment.NULL) ? "unknown" : cstr.reinterpret(64).getString(0);
            boolean v1 = version.matches("v?[1-9][0-9]*\\..*");
            String detail = LIBRARY + " loaded, libbpf_version_string() = " + version;
            return v1
                    ? Check.ok(NAME, detail, "ktel can load and attach eBPF probes through libbpf")
                    : Check.degraded(NAME, detail, "libbpf older than 1.0: ktel's probes need libbpf 1.x");
        }
    }
}
