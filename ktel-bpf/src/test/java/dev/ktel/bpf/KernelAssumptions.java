package dev.ktel.bpf;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;

/** Skips a real-kernel test with the reason when this host cannot load BPF programs. */
public final class KernelAssumptions {
    private KernelAssumptions() {
    }

    public static void assumeBpf(String object) {
        String why = BpfSupport.hostUnavailableReason(Path.of("/sys/kernel/btf/vmlinux"), Path.of("/proc/self/status"));
        assumeTrue(why == null, () -> "needs root/CAP_BPF and BTF: " + why);
        assumeTrue(KernelAssumptions.class.getClassLoader().getResource("bpf/" + object + ".bpf.o") != null,
                () -> "bpf/" + object + ".bpf.o not built: " + BpfSupport.notBuiltReason(KernelAssumptions.class.getClassLoader()));
    }
}
