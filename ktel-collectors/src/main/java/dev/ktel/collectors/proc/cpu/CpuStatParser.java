package dev.ktel.collectors.proc.cpu;

import dev.ktel.core.text.ParseErrors;
import dev.ktel.core.text.ProcParseException;
import dev.ktel.core.text.StringCache;
import dev.ktel.core.text.TextScanner;

/**
 * Parses the per-CPU lines ({@code cpuN user nice system idle iowait irq softirq steal guest guest_nice}) of
 * /proc/stat; see proc_stat(5) and https://docs.kernel.org/filesystems/proc.html (1.7 Miscellaneous kernel
 * statistics). The aggregate {@code cpu} line and the lines after the CPU block are not read. Older kernels
 * print fewer columns (steal since 2.6.11, guest since 2.6.24, guest_nice since 2.6.33): missing ones are 0,
 * extra ones from newer kernels are ignored. Pure and allocation-free after warm-up.
 */
public final class CpuStatParser {
    private static final String[] COLUMN_NAMES = {"user", "nice", "system", "idle", "iowait", "irq", "softirq",
        "steal", "guest", "guest_nice"};
    /** user, nice, system and idle have been there since Linux 1.x; fewer means a damaged line. */
    private static final int MIN_COLUMNS = 4;

    private final TextScanner scanner = new TextScanner();
    private final StringCache cpuNames = new StringCache(512);

    public void parse(String source, byte[] data, int length, CpuTimes into, ParseErrors errors) {
        scanner.reset(source, data, length);
        into.count = 0;
        boolean inCpuBlock = false;
        while (scanner.nextLine()) {
            if (scanner.fieldCount() == 0) {
                continue;
            }
            if (!scanner.fieldStartsWith(0, "cpu")) {
                if (inCpuBlock) {
                    break; // the kernel prints all cpu lines first; the intr line after them is long
                }
                continue;
            }
            inCpuBlock = true;
            if (scanner.length(0) == 3) {
                continue; // aggregate line
            }
            try {
                parseCpuLine(into);
            } catch (ProcParseException e) {
                errors.report(e);
            }
        }
    }

    private void parseCpuLine(CpuTimes into) {
        byte[] buf = scanner.buffer();
        int s = scanner.start(0) + 3;
        int e = scanner.end(0);
        if (TextScanner.parseUnsigned(buf, s, e) < 0) {
            throw scanner.error(0, "cpu", "expected cpuN");
        }
        int values = scanner.fieldCount() - 1;
        if (values < MIN_COLUMNS) {
            throw scanner.error(scanner.fieldCount(), COLUMN_NAMES[values], "missing");
        }
        int row = into.count;
        into.ensure(row + 1);
        int base = row * CpuTimes.COLUMNS;
        for (int c = 0; c < CpuTimes.COLUMNS; c++) {
            into.ticks[base + c] = c < values ? scanner.unsigned(c + 1, COLUMN_NAMES[c]) : 0;
        }
        into.cpu[row] = cpuNames.get(buf, s, e);
        into.count = row + 1;
    }
}
