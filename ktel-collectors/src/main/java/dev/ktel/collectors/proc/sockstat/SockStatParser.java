package dev.ktel.collectors.proc.sockstat;

import dev.ktel.core.text.ParseErrors;
import dev.ktel.core.text.ProcParseException;
import dev.ktel.core.text.StringCache;
import dev.ktel.core.text.TextScanner;

/**
 * Parses /proc/net/sockstat and /proc/net/sockstat6: {@code PROTO: key value key value ...}, e.g.
 * {@code TCP: inuse 35 orphan 0 tw 4 alloc 59 mem 22} ({@code mem} in pages) and {@code sockets: used 1602};
 * see proc_net(5). Keeps the keys node_exporter exports (inuse, orphan, tw, alloc, mem, memory, and used on
 * the sockets line); other keys from newer kernels are skipped. Pure and allocation-free in steady state.
 */
public final class SockStatParser {
    private final TextScanner scanner = new TextScanner();
    private final StringCache keys = new StringCache();
    private byte[] keyBuf = new byte[64];

    /** Appends the values of one file to {@code into}. */
    public void parse(String source, byte[] data, int length, SockStatValues into, ParseErrors errors) {
        scanner.reset(source, data, length);
        while (scanner.nextLine()) {
            int n = scanner.fieldCount();
            if (n == 0) {
                continue;
            }
            int mark = into.count;
            try {
                if (!scanner.fieldEndsWith(0, ':')) {
                    throw scanner.error(0, "protocol", "expected \"PROTO:\"");
                }
                if (n < 3 || n % 2 == 0) {
                    throw scanner.lineError("expected a protocol and key/value pairs");
                }
                boolean sockets = scanner.fieldEquals(0, "sockets:");
                for (int i = 1; i < n; i += 2) {
                    if (sockets ? !scanner.fieldEquals(i, "used") : !known(i)) {
                        continue;
                    }
                    long v = scanner.signed(i + 1, "value");
                    into.add(key(i), v);
                }
            } catch (ProcParseException e) {
                into.count = mark;
                errors.report(e);
            }
        }
    }

    private boolean known(int field) {
        return scanner.fieldEquals(field, "inuse") || scanner.fieldEquals(field, "orphan")
                || scanner.fieldEquals(field, "tw") || scanner.fieldEquals(field, "alloc")
                || scanner.fieldEquals(field, "mem") || scanner.fieldEquals(field, "memory");
    }

    private String key(int field) {
        byte[] buf = scanner.buffer();
        int ps = scanner.start(0);
        int pl = scanner.length(0) - 1;
        int ks = scanner.start(field);
        int kl = scanner.length(field);
        int len = pl + 1 + kl;
        if (keyBuf.length < len) {
            keyBuf = new byte[len * 2];
        }
        System.arraycopy(buf, ps, keyBuf, 0, pl);
        keyBuf[pl] = '_';
        System.arraycopy(buf, ks, keyBuf, pl + 1, kl);
        return keys.get(keyBuf, 0, len);
    }
}
