package dev.ktel.collectors.cgroup;

import dev.ktel.core.text.ParseErrors;
import dev.ktel.core.text.TextScanner;

/**
 * Parses the flat-keyed cgroup files ({@code KEY VALUE} per line; see "Interface Files / Format" in
 * https://docs.kernel.org/admin-guide/cgroup-v2.html and the v1 docs): v1 {@code cpu.stat},
 * {@code cpuacct.stat}, {@code memory.stat}, {@code memory.oom_control}; v2 {@code cpu.stat},
 * {@code memory.stat}, {@code memory.events}; both {@code pids.events}. Only the keys given at construction
 * are kept, in that order; others (newer kernels add many) are skipped. Pure, allocation-free.
 */
public final class FlatKeyedParser {
    private final String[] keys;
    private final TextScanner scanner = new TextScanner();

    public FlatKeyedParser(String... keys) {
        this.keys = keys.clone();
    }

    public int size() {
        return keys.length;
    }

    public String key(int i) {
        return keys[i];
    }

    /** Fills {@code into[i]} with the value of key i, or -1 when absent or malformed (reported). */
    public void parse(String source, byte[] data, int length, long[] into, ParseErrors errors) {
        java.util.Arrays.fill(into, 0, keys.length, -1L);
        scanner.reset(source, data, length);
        while (scanner.nextLine()) {
            if (scanner.fieldCount() == 0) {
                continue;
            }
            for (int k = 0; k < keys.length; k++) {
                if (scanner.fieldEquals(0, keys[k])) {
                    if (scanner.fieldCount() < 2) {
                        errors.report(scanner.lineError("expected \"" + keys[k] + " VALUE\""));
                    } else {
                        try {
                            into[k] = scanner.unsigned(1, keys[k]);
                        } catch (dev.ktel.core.text.ProcParseException e) {
                            errors.report(e);
                        }
                    }
                    break;
                }
            }
        }
    }
}
