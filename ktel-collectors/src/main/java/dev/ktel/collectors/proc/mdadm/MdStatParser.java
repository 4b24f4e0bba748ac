package dev.ktel.collectors.proc.mdadm;

import dev.ktel.core.text.ParseErrors;
import dev.ktel.core.text.ProcParseException;
import dev.ktel.core.text.StringCache;
import dev.ktel.core.text.TextScanner;

/**
 * Parses /proc/mdstat (see <a href="https://raid.wiki.kernel.org/index.php/Mdstat">Mdstat</a> and
 * drivers/md/md.c {@code md_seq_show}) as prometheus/procfs does: per array a device line
 * ({@code md6 : active raid1 sdb2[2](F) sdc[1](S) sda2[0]}), a status line
 * ({@code 195310144 blocks [2/1] [U_]}), an optional bitmap line and an optional sync line
 * ({@code [=>...]  recovery =  8.5% (16775552/195310144) ...}, {@code resync=PENDING}). Pure and
 * allocation-free in steady state; a malformed array is reported and skipped.
 */
public final class MdStatParser {
    private static final int DEVICE = 0;
    private static final int STATUS = 1;
    private static final int SYNC = 2;

    private final TextScanner scanner = new TextScanner();
    private final StringCache names = new StringCache(64);

    public void parse(String source, byte[] data, int length, MdStat into, ParseErrors errors) {
        scanner.reset(source, data, length);
        into.count = 0;
        int expect = DEVICE;
        boolean striped = false; // raid0 / linear: no [n/m] in the status line
        while (scanner.nextLine()) {
            int fields = scanner.fieldCount();
            boolean indented = scanner.lineEnd() > scanner.lineStart()
                    && (data[scanner.lineStart()] == ' ' || data[scanner.lineStart()] == '\t');
            int phase = expect;
            try {
                if (phase == STATUS) {
                    expect = SYNC;
                    status(into, into.count - 1, striped);
                    continue;
                }
                if (phase == SYNC && (indented || fields == 0)) {
                    if (contains("bitmap")) {
                        continue; // the sync line, if any, follows the bitmap line
                    }
                    expect = DEVICE;
                    sync(into, into.count - 1);
                    continue;
                }
                phase = DEVICE;
                expect = DEVICE;
                if (fields == 0 || indented || scanner.fieldEquals(0, "unused")
                        || scanner.fieldEquals(0, "Personalities")) {
                    continue;
                }
                if (fields < 3 || !scanner.fieldEquals(1, ":")) {
                    throw scanner.lineError("expected \"mdN : state ...\"");
                }
                int i = into.count;
                into.ensure(i + 1);
                into.name[i] = scanner.string(0, names);
                into.state[i] = scanner.fieldEquals(2, "active") ? MdStat.ACTIVE
                        : scanner.fieldEquals(2, "inactive") ? MdStat.INACTIVE : MdStat.OTHER;
                into.disksFailed[i] = countSuffix('F');
                into.disksSpare[i] = countSuffix('S');
                striped = contains("raid0") || contains("linear");
                long brackets = 0;
                if (striped) {
                    // only member disks carry [n] on the device line
                    for (int p = scanner.lineStart(); p < scanner.lineEnd(); p++) {
                        if (data[p] == '[') {
                            brackets++;
                        }
                    }
                }
                into.disksActive[i] = brackets;
                into.disksTotal[i] = brackets;
                into.disksDown[i] = 0;
                into.count = i + 1;
                expect = STATUS;
            } catch (ProcParseException e) {
                if (phase != DEVICE) {
                    into.count--; // drop the array whose status or sync line was bad
                }
                expect = DEVICE;
                errors.report(e);
            }
        }
        if (expect == STATUS) {
            into.count--; // device line without its status line: truncated file
            errors.report(new ProcParseException(source, scanner.lineNumber(), "line",
                    "missing status line of " + into.name[into.count], ""));
        }
    }

    /** {@code 5853468288 blocks super 1.2 level 6, 64k chunk, algorithm 2 [8/8] [UUUUUUUU]}. */
    private void status(MdStat into, int i, boolean striped) {
        long size = scanner.unsigned(0, "blocks");
        into.blocks[i] = size;
        into.blocksSynced[i] = size;
        if (striped || into.state[i] == MdStat.INACTIVE) {
            return;
        }
        byte[] b = scanner.buffer();
        for (int f = 1; f + 1 < scanner.fieldCount(); f++) {
            int s = scanner.start(f);
            int e = scanner.end(f);
            if (b[s] != '[' || b[e - 1] != ']') {
                continue;
            }
            int slash = s + 1;
            while (slash < e && b[slash] != '/') {
                slash++;
            }
            long total = TextScanner.parseUnsigned(b, s + 1, slash);
            long active = TextScanner.parseUnsigned(b, slash + 1, e - 1);
            if (slash == e || total < 0 || active < 0) {
                continue;
            }
            int s2 = scanner.start(f + 1);
            int e2 = scanner.end(f + 1);
            if (b[s2] != '[' || b[e2 - 1] != ']' || e2 - s2 < 3) {
                continue;
            }
            long down = 0;
            for (int p = s2 + 1; p < e2 - 1; p++) {
                if (b[p] == '_') {
                    down++;
                } else if (b[p] != 'U') {
                    throw scanner.error(f + 1, "disk states", "expected [U_...]");
                }
            }
            into.disksTotal[i] = total;
            into.disksActive[i] = active;
            into.disksDown[i] = down;
            return;
        }
        throw scanner.lineError("expected \"N blocks ... [total/active] [U_...]\"");
    }

    /** {@code [=>....]  recovery =  8.5% (16775552/195310144) finish=17.0min speed=259783K/sec}. */
    private void sync(MdStat into, int i) {
        int state;
        if (contains("recovery")) {
            state = MdStat.RECOVERING;
        } else if (contains("reshape")) {
            state = MdStat.RESHAPING;
        } else if (contains("check")) {
            state = MdStat.CHECKING;
        } else if (contains("resync")) {
            state = MdStat.RESYNCING;
        } else {
            return;
        }
        into.state[i] = state;
        if (contains("PENDING") || contains("DELAYED")) {
            into.blocksSynced[i] = 0;
            return;
        }
        byte[] b = scanner.buffer();
        for (int f = 0; f < scanner.fieldCount(); f++) {
            int s = scanner.start(f);
            int e = scanner.end(f);
            if (e - s < 5 || b[s] != '(' || b[e - 1] != ')') {
                continue;
            }
            int slash = s + 1;
            while (slash < e && b[slash] != '/') {
                slash++;
            }
            long done = TextScanner.parseUnsigned(b, s + 1, slash);
            if (slash < e && done >= 0 && TextScanner.parseUnsigned(b, slash + 1, e - 1) >= 0) {
                into.blocksSynced[i] = done;
                return;
            }
            throw scanner.error(f, "synced/total blocks", "expected (N/M)");
        }
        throw scanner.lineError("expected \"(synced/total)\" in the sync line");
    }

    /** Occurrences of "(X)" on the device line: (F) failed, (S) spare. */
    private long countSuffix(char c) {
        byte[] b = scanner.buffer();
        long n = 0;
        for (int p = scanner.lineStart(); p + 2 < scanner.lineEnd(); p++) {
            if (b[p] == '(' && b[p + 1] == c && b[p + 2] == ')') {
                n++;
            }
        }
        return n;
    }

    private boolean contains(String ascii) {
        byte[] b = scanner.buffer();
        int end = scanner.lineEnd() - ascii.length();
        outer:
        for (int p = scanner.lineStart(); p <= end; p++) {
            for (int k = 0; k < ascii.length(); k++) {
                if (b[p + k] != ascii.charAt(k)) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
