package dev.ktel.collectors.proc.interrupts;

import dev.ktel.core.text.ParseErrors;
import dev.ktel.core.text.ProcParseException;
import dev.ktel.core.text.StringCache;
import dev.ktel.core.text.TextScanner;
import java.util.Arrays;

/**
 * Parses /proc/interrupts: a header of {@code CPUn} columns, then per IRQ {@code NAME:} followed by one
 * count per CPU and a description; see https://docs.kernel.org/filesystems/proc.html (1.2, /proc/interrupts).
 * Splits like node_exporter: for numbered IRQs the first word after the counts is {@code info} and the rest
 * {@code devices}; for named ones (LOC, NMI, ...) the whole description is {@code info}. Rows with fewer
 * than one count per CPU plus a description (ERR, MIS) are skipped. The name is split off at the first ':'
 * because arm64 prints names without a space before the counts. Pure and allocation-free after warm-up.
 */
public final class InterruptsParser {
    private final TextScanner scanner = new TextScanner();
    private final StringCache strings = new StringCache(2048);
    private int[] starts = new int[64];
    private int[] ends = new int[64];
    private byte[] join = new byte[256];

    public void parse(String source, byte[] data, int length, Interrupts into, ParseErrors errors) {
        scanner.reset(source, data, length);
        into.cpus = 0;
        into.rows = 0;
        if (!scanner.nextLine()) {
            throw new ProcParseException(source, 1, "header", "empty file", "");
        }
        int cpus = scanner.fieldCount();
        if (cpus == 0) {
            throw scanner.lineError("expected CPUn columns in the header");
        }
        into.ensureCpus(cpus);
        byte[] buf = scanner.buffer();
        for (int i = 0; i < cpus; i++) {
            if (!scanner.fieldStartsWith(i, "CPU")
                    || TextScanner.parseUnsigned(buf, scanner.start(i) + 3, scanner.end(i)) < 0) {
                throw scanner.error(i, "header", "expected CPUn");
            }
            into.cpu[i] = strings.get(buf, scanner.start(i) + 3, scanner.end(i));
        }
        into.cpus = cpus;
        while (scanner.nextLine()) {
            try {
                parseRow(into, cpus);
            } catch (ProcParseException e) {
                errors.report(e);
            }
        }
    }

    private void parseRow(Interrupts into, int cpus) {
        byte[] buf = scanner.buffer();
        int ls = scanner.lineStart();
        int le = scanner.lineEnd();
        int colon = ls;
        while (colon < le && buf[colon] != ':') {
            colon++;
        }
        if (colon == le) {
            if (scanner.fieldCount() > 0) {
                throw scanner.lineError("expected NAME: counts");
            }
            return;
        }
        int ns = ls;
        while (ns < colon && isSpace(buf[ns])) {
            ns++;
        }
        int ne = colon;
        while (ne > ns && isSpace(buf[ne - 1])) {
            ne--;
        }
        int n = split(buf, colon + 1, le);
        if (n < cpus + 1) {
            return; // ERR:, MIS: and similar single-value rows
        }
        int row = into.rows;
        into.ensureRow(row);
        int base = row * cpus;
        for (int i = 0; i < cpus; i++) {
            long v = TextScanner.parseUnsigned(buf, starts[i], ends[i]);
            if (v < 0) {
                throw new ProcParseException(scanner.source(), scanner.lineNumber(), "CPU column " + (i + 1),
                        "expected unsigned integer", new String(buf, starts[i], ends[i] - starts[i],
                                java.nio.charset.StandardCharsets.UTF_8));
            }
            into.counts[base + i] = v;
        }
        boolean numbered = TextScanner.parseUnsigned(buf, ns, ne) >= 0;
        into.type[row] = strings.get(buf, ns, ne);
        if (numbered) {
            into.info[row] = strings.get(buf, starts[cpus], ends[cpus]);
            into.devices[row] = joined(buf, cpus + 1, n);
        } else {
            into.info[row] = joined(buf, cpus, n);
            into.devices[row] = "";
        }
        into.rows = row + 1;
    }

    /** Fields [from, to) joined by single spaces, as a cached String. */
    private String joined(byte[] buf, int from, int to) {
        if (from >= to) {
            return "";
        }
        if (to - from == 1) {
            return strings.get(buf, starts[from], ends[from]);
        }
        int len = 0;
        for (int i = from; i < to; i++) {
            int fl = ends[i] - starts[i];
            if (len + fl + 1 > join.length) {
                join = Arrays.copyOf(join, Math.max(join.length * 2, len + fl + 1));
            }
            if (i > from) {
                join[len++] = ' ';
            }
            System.arraycopy(buf, starts[i], join, len, fl);
            len += fl;
        }
        return strings.get(join, 0, len);
    }

    private int split(byte[] buf, int s, int e) {
        int n = 0;
        int i = s;
        while (i < e) {
            while (i < e && isSpace(buf[i])) {
                i++;
            }
            if (i >= e) {
                break;
            }
            int fs = i;
            while (i < e && !isSpace(buf[i])) {
                i++;
            }
            if (n == starts.length) {
                starts = Arrays.copyOf(starts, n * 2);
                ends = Arrays.copyOf(ends, n * 2);
            }
            starts[n] = fs;
            ends[n] = i;
            n++;
        }
        return n;
    }

    private static boolean isSpace(byte b) {
        return b == ' ' || b == '\t' || b == '\r';
    }
}
