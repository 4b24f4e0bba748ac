package dev.ktel.collectors.proc.diskstats;

import dev.ktel.core.text.ParseErrors;
import dev.ktel.core.text.ProcParseException;
import dev.ktel.core.text.StringCache;
import dev.ktel.core.text.TextScanner;

/**
 * Parses /proc/diskstats: {@code major minor name} followed by 11 counters (14 fields), 15 (18 fields, with
 * discards, kernel 4.18+) or 17 (20 fields, with flushes, kernel 5.5+). See
 * <a href="https://www.kernel.org/doc/Documentation/ABI/testing/procfs-diskstats">procfs-diskstats</a> and
 * <a href="https://www.kernel.org/doc/html/latest/admin-guide/iostats.html">iostats</a>. Counters beyond the
 * 17th (newer kernels) are ignored. Pure and allocation-free in steady state.
 */
public final class DiskStatsParser {
    private static final String[] FIELD_NAMES = {"reads", "reads_merged", "sectors_read", "read_ticks", "writes",
        "writes_merged", "sectors_written", "write_ticks", "in_flight", "io_ticks", "time_in_queue", "discards",
        "discards_merged", "sectors_discarded", "discard_ticks", "flushes", "flush_ticks"};

    private final TextScanner scanner = new TextScanner();
    private final StringCache names = new StringCache(256);

    /** Parses {@code length} bytes into {@code into}; malformed lines are reported and skipped. */
    public void parse(String source, byte[] data, int length, DiskStats into, ParseErrors errors) {
        scanner.reset(source, data, length);
        into.count = 0;
        while (scanner.nextLine()) {
            int fields = scanner.fieldCount();
            if (fields == 0) {
                continue;
            }
            try {
                if (fields < 14) {
                    throw scanner.lineError("expected at least 14 fields, found " + fields);
                }
                int i = into.count;
                into.ensure(i + 1);
                long major = scanner.unsigned(0, "major");
                long minor = scanner.unsigned(1, "minor");
                int n = Math.min(fields - 3, DiskStats.MAX_STATS);
                int base = i * DiskStats.MAX_STATS;
                for (int k = 0; k < n; k++) {
                    into.stats[base + k] = scanner.unsigned(3 + k, FIELD_NAMES[k]);
                }
                for (int k = n; k < DiskStats.MAX_STATS; k++) {
                    into.stats[base + k] = 0;
                }
                into.major[i] = (int) major;
                into.minor[i] = (int) minor;
                into.device[i] = scanner.string(2, names);
                into.statCount[i] = n;
                into.count = i + 1;
            } catch (ProcParseException e) {
                errors.report(e);
            }
        }
    }
}
