package dev.ktel.collectors.sys.cpufreq;

import dev.ktel.core.text.TextScanner;
import java.util.Arrays;

/**
 * Parses a CPU list such as /sys/devices/system/cpu/offline ({@code 0-3,8,10-11}, empty for none); see
 * <a href="https://www.kernel.org/doc/Documentation/ABI/testing/sysfs-devices-system-cpu">
 * sysfs-devices-system-cpu</a>. Pure and allocation-free once the set is large enough.
 */
public final class CpuRangeParser {
    private final TextScanner scanner = new TextScanner(" \t,");
    private boolean[] set = new boolean[64];

    /** Parses the list; afterwards {@link #contains} answers for it. */
    public void parse(String source, byte[] data, int length) {
        Arrays.fill(set, false);
        scanner.reset(source, data, length);
        if (!scanner.nextLine()) {
            return;
        }
        byte[] b = scanner.buffer();
        for (int f = 0; f < scanner.fieldCount(); f++) {
            int s = scanner.start(f);
            int e = scanner.end(f);
            int dash = s;
            while (dash < e && b[dash] != '-') {
                dash++;
            }
            long lo = TextScanner.parseUnsigned(b, s, dash);
            long hi = dash < e ? TextScanner.parseUnsigned(b, dash + 1, e) : lo;
            if (lo < 0 || hi < lo || hi > 1 << 20) {
                throw scanner.error(f, "cpu range", "expected N or N-M");
            }
            if (hi >= set.length) {
                set = Arrays.copyOf(set, (int) Math.max(hi + 1, set.length * 2L));
            }
            for (long c = lo; c <= hi; c++) {
                set[(int) c] = true;
            }
        }
    }

    public boolean contains(int cpu) {
        return cpu >= 0 && cpu < set.length && set[cpu];
    }
}
