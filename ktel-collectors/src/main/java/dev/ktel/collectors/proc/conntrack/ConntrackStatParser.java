package dev.ktel.collectors.proc.conntrack;

import dev.ktel.core.text.ParseErrors;
import dev.ktel.core.text.ProcParseException;
import dev.ktel.core.text.TextScanner;
import java.util.Arrays;

/**
 * Parses /proc/net/stat/nf_conntrack (net/netfilter/nf_conntrack_standalone.c, {@code ct_cpu_seq_show}): a
 * header of column names, then one line of hexadecimal counters per CPU. Columns are found by header name,
 * because kernels renamed and repurposed some (5.x: searched became clashres, delete_list chainlength).
 * See <a href="https://docs.kernel.org/networking/nf_conntrack-sysctl.html">nf_conntrack sysctl</a>.
 * Pure and allocation-free in steady state.
 */
public final class ConntrackStatParser {
    private final TextScanner scanner = new TextScanner();
    private int[] slotOfColumn = new int[32];

    public void parse(String source, byte[] data, int length, ConntrackStat into, ParseErrors errors) {
        scanner.reset(source, data, length);
        Arrays.fill(into.sums, 0);
        Arrays.fill(into.present, false);
        into.cpus = 0;
        if (!scanner.nextLine()) {
            errors.report(new ProcParseException(source, 1, "line", "empty file, expected a header", ""));
            return;
        }
        int columns = scanner.fieldCount();
        if (slotOfColumn.length < columns) {
            slotOfColumn = new int[columns * 2];
        }
        for (int c = 0; c < columns; c++) {
            slotOfColumn[c] = -1;
            for (int s = 0; s < ConntrackStat.COLUMNS.length; s++) {
                if (scanner.fieldEquals(c, ConntrackStat.COLUMNS[s])) {
                    slotOfColumn[c] = s;
                    into.present[s] = true;
                }
            }
        }
        while (scanner.nextLine()) {
            if (scanner.fieldCount() == 0) {
                continue;
            }
            try {
                if (scanner.fieldCount() != columns) {
                    throw scanner.lineError("expected " + columns + " columns as in the header, found "
                            + scanner.fieldCount());
                }
                for (int c = 0; c < columns; c++) {
                    if (slotOfColumn[c] >= 0) {
                        scanner.hex(c, ConntrackStat.COLUMNS[slotOfColumn[c]]);
                    }
                }
                for (int c = 0; c < columns; c++) {
                    int s = slotOfColumn[c];
                    if (s >= 0) {
                        into.sums[s] += scanner.hex(c, ConntrackStat.COLUMNS[s]);
                    }
                }
                into.cpus++;
            } catch (ProcParseException e) {
                errors.report(e);
            }
        }
    }
}
