package dev.ktel.collectors.proc.softnet;

import dev.ktel.core.text.ParseErrors;
import dev.ktel.core.text.ProcParseException;
import dev.ktel.core.text.TextScanner;

/**
 * Parses /proc/net/softnet_stat: one line per online CPU of hexadecimal columns (net/core/net-procfs.c,
 * {@code softnet_seq_show}). Columns: 1 processed, 2 dropped, 3 time_squeeze, 4-8 zero, 9 cpu_collision,
 * then by kernel version 10 received_rps (2.6.39), 11 flow_limit_count (4.18), 12 backlog_len and 13 the CPU
 * id (5.14); later columns (e.g. input_qlen, process_qlen) are ignored. Without the CPU id column the line
 * number gives the CPU, as in node_exporter. See
 * <a href="https://docs.kernel.org/networking/scaling.html">Scaling in the Linux Networking Stack</a>.
 */
public final class SoftnetParser {
    private static final int MIN_COLUMNS = 9;
    private final TextScanner scanner = new TextScanner();

    public void parse(String source, byte[] data, int length, SoftnetStats into, ParseErrors errors) {
        scanner.reset(source, data, length);
        into.count = 0;
        while (scanner.nextLine()) {
            int n = scanner.fieldCount();
            if (n == 0) {
                continue;
            }
            int mark = into.count;
            try {
                if (n < MIN_COLUMNS) {
                    throw scanner.lineError("expected at least " + MIN_COLUMNS + " columns, found " + n);
                }
                int i = into.add();
                into.processed[i] = scanner.hex(0, "processed");
                into.dropped[i] = scanner.hex(1, "dropped");
                into.timeSqueezed[i] = scanner.hex(2, "time_squeeze");
                into.cpuCollision[i] = scanner.hex(8, "cpu_collision");
                into.receivedRps[i] = n > 9 ? scanner.hex(9, "received_rps") : 0;
                into.flowLimitCount[i] = n > 10 ? scanner.hex(10, "flow_limit_count") : 0;
                if (n > 12) {
                    into.backlogLen[i] = scanner.hex(11, "backlog_len");
                    into.cpu[i] = (int) scanner.hex(12, "cpu");
                } else {
                    into.backlogLen[i] = 0;
                    into.cpu[i] = scanner.lineNumber() - 1;
                }
            } catch (ProcParseException e) {
                into.count = mark;
                errors.report(e);
            }
        }
    }
}
