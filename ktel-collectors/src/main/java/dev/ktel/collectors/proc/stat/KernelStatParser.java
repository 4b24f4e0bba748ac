package dev.ktel.collectors.proc.stat;

import dev.ktel.core.text.ParseErrors;
import dev.ktel.core.text.ProcParseException;
import dev.ktel.core.text.TextScanner;

/**
 * Parses the system-wide lines of /proc/stat ({@code intr}, {@code ctxt}, {@code btime}, {@code processes},
 * {@code procs_running}, {@code procs_blocked}, {@code softirq}); see proc_stat(5) and
 * https://docs.kernel.org/filesystems/proc.html (1.7 Miscellaneous kernel statistics). The per-CPU lines are
 * the cpu collector's. Unknown lines are skipped. Pure and allocation-free after warm-up.
 */
public final class KernelStatParser {
    private final TextScanner scanner = new TextScanner();

    public void parse(String source, byte[] data, int length, KernelStat into, ParseErrors errors) {
        scanner.reset(source, data, length);
        into.clear();
        while (scanner.nextLine()) {
            if (scanner.fieldCount() == 0 || scanner.fieldStartsWith(0, "cpu")) {
                continue;
            }
            try {
                if (scanner.fieldEquals(0, "intr")) {
                    into.intr = scanner.unsigned(1, "intr total");
                } else if (scanner.fieldEquals(0, "ctxt")) {
                    into.contextSwitches = scanner.unsigned(1, "ctxt");
                } else if (scanner.fieldEquals(0, "btime")) {
                    into.bootTime = scanner.unsigned(1, "btime");
                } else if (scanner.fieldEquals(0, "processes")) {
                    into.forks = scanner.unsigned(1, "processes");
                } else if (scanner.fieldEquals(0, "procs_running")) {
                    into.procsRunning = scanner.unsigned(1, "procs_running");
                } else if (scanner.fieldEquals(0, "procs_blocked")) {
                    into.procsBlocked = scanner.unsigned(1, "procs_blocked");
                } else if (scanner.fieldEquals(0, "softirq")) {
                    parseSoftirq(into);
                }
            } catch (ProcParseException e) {
                errors.report(e);
            }
        }
    }

    private void parseSoftirq(KernelStat into) {
        long total = scanner.unsigned(1, "softirq total");
        int n = Math.min(scanner.fieldCount() - 2, KernelStat.SOFTIRQ_VECTORS.length);
        for (int i = 0; i < n; i++) {
            into.softirq[i] = scanner.unsigned(i + 2, KernelStat.SOFTIRQ_VECTORS[i]);
        }
        into.softirqTotal = total;
        into.softirqVectors = n;
    }
}
