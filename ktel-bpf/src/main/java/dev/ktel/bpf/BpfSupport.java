package dev.ktel.bpf;

import dev.ktel.bpf.libbpf.Libbpf;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Whether this host and this build can run the eBPF probes, and why not. Checked once per probe at
 * collector creation; each reason says what to install or grant.
 */
public final class BpfSupport {
    /** Shipped in the jar when the build skipped the BPF objects; holds the reason. */
    static final String SKIPPED_MARKER = "bpf/BUILD-SKIPPED.txt";
    static final String NOT_BUILT = "not built (install clang, libbpf-dev, bpftool)";
    private static final int CAP_SYS_ADMIN = 21;
    private static final int CAP_PERFMON = 38;
    private static final int CAP_BPF = 39;

    private BpfSupport() {
    }

    /**
     * Null when the kernel, libbpf and privileges allow loading tracing programs, else the reason.
     * {@code btf} is the kernel BTF file (/sys/kernel/btf/vmlinux), {@code procSelfStatus} /proc/self/status.
     */
    public static String hostUnavailableReason(Path btf, Path procSelfStatus) {
        if (!Files.isReadable(btf)) {
            return btf + " does not exist (kernel without BTF: needs CONFIG_DEBUG_INFO_BTF=y)";
        }
        String lib = Libbpf.unavailableReason();
        if (lib != null) {
            return lib;
        }
        long caps;
        try {
            caps = effectiveCapabilities(Files.readAllLines(procSelfStatus, StandardCharsets.US_ASCII));
        } catch (IOException | RuntimeException e) {
            return "cannot read capabilities from " + procSelfStatus + ": " + e.getMessage();
        }
        boolean bpf = (caps & (1L << CAP_BPF)) != 0 && (caps & (1L << CAP_PERFMON)) != 0;
        boolean admin = (caps & (1L << CAP_SYS_ADMIN)) != 0;
        if (!bpf && !admin) {
            return "no CAP_BPF+CAP_PERFMON (or CAP_SYS_ADMIN) in CapEff " + Long.toHexString(caps)
                    + " (run as root or grant them, e.g. systemd AmbientCapabilities=CAP_BPF CAP_PERFMON)";
        }
        return null;
    }

    /** CapEff from /proc/self/status lines. */
    static long effectiveCapabilities(List<String> statusLines) {
        for (String l : statusLines) {
            if (l.startsWith("CapEff:")) {
                return Long.parseUnsignedLong(l.substring(7).trim(), 16);
            }
        }
        throw new IllegalArgumentException("no CapEff line");
    }

    /**
     * The bytes of {@code bpf/NAME.bpf.o} from {@code loader}, or throws with the reason it is absent: the
     * build's skip reason when the jar was built without clang/bpftool/BTF.
     */
    public static byte[] object(ClassLoader loader, String name) throws BpfUnavailableException {
        try (InputStream in = loader.getResourceAsStream("bpf/" + name + ".bpf.o")) {
            if (in != null) {
                return in.readAllBytes();
            }
        } catch (IOException e) {
            throw new BpfUnavailableException("cannot read /bpf/" + name + ".bpf.o: " + e.getMessage());
        }
        throw new BpfUnavailableException(notBuiltReason(loader));
    }

    static String notBuiltReason(ClassLoader loader) {
        try (InputStream in = loader.getResourceAsStream(SKIPPED_MARKER)) {
            if (in != null) {
                String why = new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
                if (!why.isEmpty()) {
                    return why;
                }
            }
        } catch (IOException ignored) {
            // fall through to the generic reason
        }
        return NOT_BUILT;
    }

    /** A BPF object or the host support for it is missing; the message is the reason. */
    public static final class BpfUnavailableException extends Exception {
        public BpfUnavailableException(String reason) {
            super(reason);
        }
    }
}
