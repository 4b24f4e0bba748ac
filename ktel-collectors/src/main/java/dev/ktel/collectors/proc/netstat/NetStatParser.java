package dev.ktel.collectors.proc.netstat;

import dev.ktel.core.text.ParseErrors;
import dev.ktel.core.text.ProcParseException;
import dev.ktel.core.text.StringCache;
import dev.ktel.core.text.TextScanner;
import java.util.Arrays;

/**
 * Parses the SNMP counter files of the IP stack into {@code Proto_Field} keys:
 * <ul>
 * <li>/proc/net/netstat and /proc/net/snmp: pairs of lines, {@code Tcp: ActiveOpens PassiveOpens ...} then
 * {@code Tcp: 1103 9 ...} ({@link #parsePairs});</li>
 * <li>/proc/net/snmp6: one {@code Ip6InReceives 92166} per line, the protocol ending at the first '6'
 * ({@link #parseSnmp6}).</li>
 * </ul>
 * See proc_net(5) and <a href="https://docs.kernel.org/networking/snmp_counter.html">SNMP counter</a>.
 * Values are signed (e.g. {@code Tcp MaxConn -1}). Pure and allocation-free in steady state.
 */
public final class NetStatParser {
    private final TextScanner scanner = new TextScanner();
    private final StringCache keys = new StringCache(1024);
    private byte[] keyBuf = new byte[128];
    private int[] headerStarts = new int[256];
    private int[] headerEnds = new int[256];

    /** Appends the counters of a netstat/snmp-style file to {@code into}. */
    public void parsePairs(String source, byte[] data, int length, NetStatValues into, ParseErrors errors) {
        scanner.reset(source, data, length);
        while (scanner.nextLine()) {
            if (scanner.fieldCount() == 0) {
                continue;
            }
            try {
                if (!scanner.fieldEndsWith(0, ':')) {
                    throw scanner.error(0, "protocol", "expected \"Proto:\"");
                }
                int names = scanner.fieldCount();
                if (headerStarts.length < names) {
                    headerStarts = Arrays.copyOf(headerStarts, names * 2);
                    headerEnds = Arrays.copyOf(headerEnds, names * 2);
                }
                for (int i = 0; i < names; i++) {
                    headerStarts[i] = scanner.start(i);
                    headerEnds[i] = scanner.end(i);
                }
                if (!scanner.nextLine()) {
                    throw scanner.lineError("header line without a value line");
                }
                if (!sameAsHeader(0)) {
                    throw scanner.error(0, "protocol", "value line does not follow its header line");
                }
                if (scanner.fieldCount() != names) {
                    throw scanner.lineError((scanner.fieldCount() - 1) + " values for " + (names - 1) + " names");
                }
                byte[] buf = scanner.buffer();
                int protoLen = headerEnds[0] - headerStarts[0] - 1;
                for (int i = 1; i < names; i++) {
                    double v = scanner.decimal(i, "value");
                    into.add(key(buf, headerStarts[0], protoLen, headerStarts[i], headerEnds[i]), v);
                }
            } catch (ProcParseException e) {
                errors.report(e);
            }
        }
    }

    /** Appends the counters of /proc/net/snmp6 (or /proc/net/dev_snmp6/DEV) to {@code into}. */
    public void parseSnmp6(String source, byte[] data, int length, NetStatValues into, ParseErrors errors) {
        scanner.reset(source, data, length);
        byte[] buf = scanner.buffer();
        while (scanner.nextLine()) {
            if (scanner.fieldCount() < 2) {
                continue;
            }
            int s = scanner.start(0);
            int e = scanner.end(0);
            int six = -1;
            for (int i = s; i < e; i++) {
                if (buf[i] == '6') {
                    six = i;
                    break;
                }
            }
            if (six < 0 || six + 1 == e) {
                continue; // not a "Proto6Field" counter
            }
            try {
                double v = scanner.decimal(1, "value");
                into.add(key(buf, s, six + 1 - s, six + 1, e), v);
            } catch (ProcParseException ex) {
                errors.report(ex);
            }
        }
    }

    private boolean sameAsHeader(int field) {
        int len = headerEnds[field] - headerStarts[field];
        if (scanner.length(field) != len) {
            return false;
        }
        byte[] buf = scanner.buffer();
        return Arrays.equals(buf, headerStarts[field], headerEnds[field], buf, scanner.start(field),
                scanner.end(field));
    }

    private String key(byte[] buf, int protoStart, int protoLen, int nameStart, int nameEnd) {
        int len = protoLen + 1 + nameEnd - nameStart;
        if (keyBuf.length < len) {
            keyBuf = new byte[len * 2];
        }
        System.arraycopy(buf, protoStart, keyBuf, 0, protoLen);
        keyBuf[protoLen] = '_';
        System.arraycopy(buf, nameStart, keyBuf, protoLen + 1, nameEnd - nameStart);
        return keys.get(keyBuf, 0, len);
    }
}
