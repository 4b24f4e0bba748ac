package dev.ktel.collectors.cgroup;

import dev.ktel.core.text.ParseErrors;
import dev.ktel.core.text.StringCache;
import dev.ktel.core.text.TextScanner;

/**
 * Parses per-device I/O counters of a cgroup into reused arrays (one row per device and operation):
 * <ul>
 *   <li>v1 {@code blkio.throttle.io_service_bytes[_recursive]} / {@code io_serviced[_recursive]}:
 *       {@code 8:0 Read 4096} lines and a {@code Total N} line (skipped); see
 *       https://docs.kernel.org/admin-guide/cgroup-v1/blkio-controller.html</li>
 *   <li>v2 {@code io.stat}: {@code 8:0 rbytes=1 wbytes=2 rios=3 wios=4 dbytes=5 dios=6}; bytes and ios are
 *       split into two row sets with cAdvisor's operation names Read, Write, Discard.</li>
 * </ul>
 * Pure; allocation-free after warm-up.
 */
public final class IoStatParser {
    private final TextScanner scanner = new TextScanner(" \t:");
    private final StringCache ops = new StringCache(64);

    /** One set of (major, minor, operation, value) rows. */
    public static final class Rows {
        public int count;
        public int[] major = new int[16];
        public int[] minor = new int[16];
        public String[] operation = new String[16];
        public long[] value = new long[16];

        void add(int maj, int min, String op, long v) {
            if (count == major.length) {
                major = java.util.Arrays.copyOf(major, count * 2);
                minor = java.util.Arrays.copyOf(minor, count * 2);
                operation = java.util.Arrays.copyOf(operation, count * 2);
                value = java.util.Arrays.copyOf(value, count * 2);
            }
            major[count] = maj;
            minor[count] = min;
            operation[count] = op;
            value[count] = v;
            count++;
        }
    }

    /** v1 blkio file into {@code into} (bytes or ios). */
    public void parseBlkio(String source, byte[] data, int length, Rows into, ParseErrors errors) {
        into.count = 0;
        scanner.reset(source, data, length);
        while (scanner.nextLine()) {
            if (scanner.fieldCount() == 0 || scanner.fieldEquals(0, "Total")) {
                continue;
            }
            if (scanner.fieldCount() < 4) {
                errors.report(scanner.lineError("expected \"MAJOR:MINOR OPERATION VALUE\""));
                continue;
            }
            try {
                int maj = (int) scanner.unsigned(0, "major");
                int min = (int) scanner.unsigned(1, "minor");
                long v = scanner.unsigned(3, "value");
                into.add(maj, min, scanner.string(2, ops), v);
            } catch (dev.ktel.core.text.ProcParseException e) {
                errors.report(e);
            }
        }
    }

    /** v2 io.stat into {@code bytes} and {@code ios}. */
    public void parseIoStat(String source, byte[] data, int length, Rows bytes, Rows ios, ParseErrors errors) {
        bytes.count = 0;
        ios.count = 0;
        scanner.reset(source, data, length);
        while (scanner.nextLine()) {
            if (scanner.fieldCount() == 0) {
                continue;
            }
            int maj;
            int min;
            try {
                maj = (int) scanner.unsigned(0, "major");
                min = (int) scanner.unsigned(1, "minor");
            } catch (dev.ktel.core.text.ProcParseException e) {
                errors.report(e);
                continue;
            }
            for (int f = 2; f < scanner.fieldCount(); f++) {
                Rows rows;
                String op;
                int skip;
                if (scanner.fieldStartsWith(f, "rbytes=")) {
                    rows = bytes; op = "Read"; skip = 7;
                } else if (scanner.fieldStartsWith(f, "wbytes=")) {
                    rows = bytes; op = "Write"; skip = 7;
                } else if (scanner.fieldStartsWith(f, "dbytes=")) {
                    rows = bytes; op = "Discard"; skip = 7;
                } else if (scanner.fieldStartsWith(f, "rios=")) {
                    rows = ios; op = "Read"; skip = 5;
                } else if (scanner.fieldStartsWith(f, "wios=")) {
                    rows = ios; op = "Write"; skip = 5;
                } else if (scanner.fieldStartsWith(f, "dios=")) {
                    rows = ios; op = "Discard"; skip = 5;
                } else {
                    continue; // cost.*, latency (iocost/iolatency) and future keys
                }
                long v = TextScanner.parseUnsigned(scanner.buffer(), scanner.start(f) + skip, scanner.end(f));
                if (v < 0) {
                    errors.report(scanner.error(f, op, "expected KEY=<unsigned integer>"));
                    continue;
                }
                rows.add(maj, min, op, v);
            }
        }
    }
}
