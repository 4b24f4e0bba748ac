package dev.ktel.collectors.proc.arp;

import dev.ktel.core.text.ParseErrors;
import dev.ktel.core.text.StringCache;
import dev.ktel.core.text.TextScanner;

/**
 * Counts the entries of /proc/net/arp per device. Format (net/ipv4/arp.c, {@code arp_seq_show}): a header
 * line {@code IP address HW type Flags HW address Mask Device}, then
 * {@code 192.168.224.1 0x1 0x2 00:50:56:c0:00:08 * ens33}; see proc_net(5). Every line is counted, incomplete
 * ones too, as node_exporter does when reading this file. Pure and allocation-free in steady state.
 */
public final class ArpParser {
    private static final int COLUMNS = 6;
    private final TextScanner scanner = new TextScanner();
    private final StringCache devices = new StringCache();

    public void parse(String source, byte[] data, int length, ArpEntries into, ParseErrors errors) {
        scanner.reset(source, data, length);
        into.count = 0;
        while (scanner.nextLine()) {
            int n = scanner.fieldCount();
            if (n == 0 || (scanner.lineNumber() == 1 && scanner.fieldEquals(0, "IP"))) {
                continue;
            }
            if (n != COLUMNS) {
                errors.report(scanner.lineError("expected " + COLUMNS + " columns (IP address, HW type, Flags, "
                        + "HW address, Mask, Device), found " + n));
                continue;
            }
            into.increment(scanner.string(COLUMNS - 1, devices));
        }
    }
}
