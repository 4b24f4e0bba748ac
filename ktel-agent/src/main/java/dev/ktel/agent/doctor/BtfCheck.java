package dev.ktel.agent.doctor;

import dev.ktel.core.io.HostPaths;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Kernel BTF at {@code <sysfs>/kernel/btf/vmlinux} (CONFIG_DEBUG_INFO_BTF): the type information that CO-RE
 * relocations, {@code tp_btf} and {@code fentry} programs need.
 */
final class BtfCheck implements DoctorCheck {
    static final String NAME = "btf";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Check run(HostPaths paths) throws Exception {
        Path vmlinux = paths.sys("kernel/btf/vmlinux");
        if (!Files.exists(vmlinux)) {
            return Check.missing(NAME, "/sys/kernel/btf/vmlinux does not exist (kernel built without "
                            + "CONFIG_DEBUG_INFO_BTF)",
                    "no CO-RE eBPF programs: ktel's eBPF probes cannot load (unless an external BTF file is "
                            + "supplied); tp_btf and fentry are unavailable; /proc and /sys collectors still work");
        }
        long size = Files.size(vmlinux);
        if (size == 0) {
            return Check.degraded(NAME, "/sys/kernel/btf/vmlinux is empty",
                    "BTF unusable: CO-RE eBPF probes, tp_btf and fentry will fail to load");
        }
        return Check.ok(NAME, "/sys/kernel/btf/vmlinux present, " + size + " bytes ("
                        + (size + 512 * 1024) / (1024 * 1024) + " MiB)",
                "CO-RE eBPF programs can be relocated for this kernel; tp_btf and fentry attach types can resolve "
                        + "kernel types");
    }
}
