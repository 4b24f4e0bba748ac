package dev.ktel.collectors.proc.softirqs;

import dev.ktel.core.text.ParseErrors;
import dev.ktel.core.text.ProcParseException;
import dev.ktel.core.text.StringCache;
import dev.ktel.core.text.TextScanner;

/**
 * Parses /proc/softirqs: a header of {@code CPUn} columns, then one line per softirq type
 * ({@code NET_RX:  584  633}); see https://docs.kernel.org/filesystems/proc.html (1.2, /proc/softirqs).
 * Types are taken from the file, so types added by newer kernels appear as they are. Pure and
 * allocation-free after warm-up.
 */
public final class SoftirqsParser {
    private final TextScanner scanner = new TextScanner();
    private final StringCache names = new StringCache(512);

    public void parse(String source, byte[] data, int length, Softirqs into, ParseErrors errors) {
        scanner.reset(source, data, length);
        into.cpus = 0;
        into.types = 0;
        if (!scanner.nextLine()) {
            throw new ProcParseException(source, 1, "header", "empty file", "");
        }
        int cpus = scanner.fieldCount();
        into.ensureCpus(cpus);
        byte[] buf = scanner.buffer();
        for (int i = 0; i < cpus; i++) {
            if (!scanner.fieldStartsWith(i, "CPU")
                    || TextScanner.parseUnsigned(buf, scanner.start(i) + 3, scanner.end(i)) < 0) {
                throw scanner.error(i, "header", "expected CPUn");
            }
            into.cpu[i] = names.get(buf, scanner.start(i) + 3, scanner.end(i));
        }
        if (cpus == 0) {
            throw scanner.lineError("expected CPUn columns in the header");
        }
        into.cpus = cpus;
        while (scanner.nextLine()) {
            if (scanner.fieldCount() == 0) {
                continue;
            }
            try {
                parseRow(into, cpus);
            } catch (ProcParseException e) {
                errors.report(e);
            }
        }
    }

    private void parseRow(Softirqs into, int cpus) {
        if (!scanner.fieldEndsWith(0, ':') || scanner.length(0) < 2) {
            throw scanner.error(0, "type", "expected NAME:");
        }
        if (scanner.fieldCount() - 1 != cpus) {
            throw scanner.lineError("expected " + cpus + " per-CPU counts, got " + (scanner.fieldCount() - 1));
        }
        int row = into.types;
        into.ensureRow(row);
        int base = row * cpus;
        for (int i = 0; i < cpus; i++) {
            into.counts[base + i] = scanner.unsigned(i + 1, "count");
        }
        into.type[row] = scanner.string(0, 1, names);
        into.types = row + 1;
    }
}
