package dev.ktel.collectors.proc.netdev;

import dev.ktel.core.text.ParseErrors;
import dev.ktel.core.text.ProcParseException;
import dev.ktel.core.text.StringCache;
import dev.ktel.core.text.TextScanner;

/**
 * Parses /proc/net/dev: two header lines, then {@code name: rx_bytes rx_packets rx_errs rx_drop rx_fifo
 * rx_frame rx_compressed rx_multicast tx_bytes tx_packets tx_errs tx_drop tx_fifo tx_colls tx_carrier
 * tx_compressed}; see proc_net(5) and
 * <a href="https://docs.kernel.org/networking/statistics.html">Interface statistics</a>. Pure and
 * allocation-free in steady state. Extra columns from newer kernels are ignored.
 */
public final class NetDevParser {
    static final String[] COLUMN_NAMES = {"rx_bytes", "rx_packets", "rx_errs", "rx_drop", "rx_fifo", "rx_frame",
        "rx_compressed", "rx_multicast", "tx_bytes", "tx_packets", "tx_errs", "tx_drop", "tx_fifo", "tx_colls",
        "tx_carrier", "tx_compressed"};

    // ':' separates the name from the first counter, with or without a space after it.
    private final TextScanner scanner = new TextScanner(" \t:");
    private final StringCache names = new StringCache();

    public void parse(String source, byte[] data, int length, NetDevStats into, ParseErrors errors) {
        scanner.reset(source, data, length);
        into.count = 0;
        while (scanner.nextLine()) {
            if (scanner.fieldCount() == 0 || lineHasBar()) {
                continue; // the two header lines
            }
            int mark = into.count;
            try {
                if (scanner.fieldCount() < 1 + NetDevStats.COLUMNS) {
                    throw scanner.lineError("expected a device and " + NetDevStats.COLUMNS + " counters, found "
                            + (scanner.fieldCount() - 1) + " counters");
                }
                long[] row = into.add(scanner.string(0, names));
                for (int c = 0; c < NetDevStats.COLUMNS; c++) {
                    row[c] = scanner.unsigned(c + 1, COLUMN_NAMES[c]);
                }
            } catch (ProcParseException e) {
                into.count = mark;
                errors.report(e);
            }
        }
    }

    private boolean lineHasBar() {
        byte[] b = scanner.buffer();
        for (int i = scanner.lineStart(); i < scanner.lineEnd(); i++) {
            if (b[i] == '|') {
                return true;
            }
        }
        return false;
    }
}
