package dev.ktel.agent.doctor;

import dev.ktel.core.io.HostPaths;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Pressure stall information: {@code <procfs>/pressure/{cpu,memory,io,irq}} readable. See
 * Documentation/accounting/psi.rst. With PSI compiled in but disabled at boot the files exist and reads fail with
 * EOPNOTSUPP.
 */
final class PsiCheck implements DoctorCheck {
    static final String NAME = "psi";
    static final String[] RESOURCES = {"cpu", "memory", "io", "irq"};

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Check run(HostPaths paths) throws Exception {
        List<String> readable = new ArrayList<>();
        List<String> absent = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        for (String r : RESOURCES) {
            Path file = paths.proc("pressure/" + r);
            if (!Files.exists(file)) {
                absent.add(r);
                continue;
            }
            try {
                Files.readAllBytes(file);
                readable.add(r);
            } catch (IOException e) {
                failed.add(r + " (" + e.getMessage() + ")");
            }
        }
        StringBuilder detail = new StringBuilder("/proc/pressure:");
        if (!readable.isEmpty()) {
            detail.append(" readable ").append(String.join(", ", readable)).append(';');
        }
        if (!absent.isEmpty()) {
            detail.append(" absent ").append(String.join(", ", absent)).append(';');
        }
        if (!failed.isEmpty()) {
            detail.append(" unreadable ").append(String.join(", ", failed)).append(';');
        }
        detail.setLength(detail.length() - 1);

        if (readable.isEmpty()) {
            String why = failed.isEmpty()
                    ? "kernel without PSI (needs 4.20+ with CONFIG_PSI)"
                    : "PSI is compiled in but disabled: boot with psi=1";
            return Check.missing(NAME, detail + " (" + why + ")",
                    "no pressure stall metrics (host or per-cgroup); load average and run-queue metrics still work");
        }
        if (readable.size() == RESOURCES.length) {
            return Check.ok(NAME, detail.toString(), "ktel reports cpu, memory, io and irq pressure stall time");
        }
        List<String> missing = new ArrayList<>(absent);
        missing.addAll(failed);
        String irqNote = absent.contains("irq") ? " (irq needs 6.1+ with CONFIG_IRQ_TIME_ACCOUNTING)" : "";
        return Check.degraded(NAME, detail.toString(),
                "ktel reports " + String.join(", ", readable) + " pressure; no "
                        + String.join(", ", missing) + " pressure" + irqNote);
    }
}
