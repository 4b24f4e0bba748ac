package dev.ktel.collectors.proc.udpqueues;

import dev.ktel.core.text.ParseErrors;
import dev.ktel.core.text.ProcParseException;
import dev.ktel.core.text.TextScanner;

/**
 * Sums the tx_queue and rx_queue columns of /proc/net/udp and /proc/net/udp6 (net/ipv4/udp.c,
 * {@code udp4_format_sock}): a header line, then per socket
 * {@code sl: local:port rem:port st tx_queue:rx_queue tr:tm->when retrnsmt uid timeout inode ref pointer drops},
 * addresses, ports and queues in hexadecimal; see proc_net(5). Pure and allocation-free.
 */
public final class UdpQueuesParser {
    // Splitting on ':' too gives: 0 sl, 1 local, 2 lport, 3 remote, 4 rport, 5 st, 6 tx_queue, 7 rx_queue,
    // then tr, tm->when, retrnsmt, uid, ... (not needed here).
    private final TextScanner scanner = new TextScanner(" \t:");

    public void parse(String source, byte[] data, int length, UdpQueues into, ParseErrors errors) {
        scanner.reset(source, data, length);
        into.txQueue = 0;
        into.rxQueue = 0;
        into.sockets = 0;
        while (scanner.nextLine()) {
            if (scanner.fieldCount() == 0 || scanner.fieldEquals(0, "sl")) {
                continue;
            }
            try {
                if (scanner.fieldCount() < 8) {
                    throw new ProcParseException(source, scanner.lineNumber(), "field 5 (tx_queue:rx_queue)",
                            "missing (line has " + scanner.fieldCount() + " fields split on ':')", scanner.lineText());
                }
                long tx = scanner.hex(6, "tx_queue");
                long rx = scanner.hex(7, "rx_queue");
                into.txQueue += tx;
                into.rxQueue += rx;
                into.sockets++;
            } catch (ProcParseException e) {
                errors.report(e);
            }
        }
    }
}
