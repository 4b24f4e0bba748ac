package dev.ktel.collectors.host.time;

import dev.ktel.core.text.ProcParseException;
import dev.ktel.core.text.StringCache;
import dev.ktel.core.text.TextScanner;
import java.util.Arrays;

/**
 * Parses {@code /sys/devices/system/clocksource/clocksourceN/available_clocksource} (space-separated names,
 * e.g. {@code "tsc hpet acpi_pm "}) and {@code current_clocksource} (one name); see
 * <a href="https://docs.kernel.org/timers/timekeeping.html">Clock sources, Clock events, sched_clock() and
 * delay timers</a>. Pure and allocation-free once the names are cached.
 */
public final class ClocksourceParser {
    private final TextScanner scanner = new TextScanner();
    private final StringCache names = new StringCache(64);

    public void parseAvailable(String source, byte[] data, int length, Clocksource into) {
        scanner.reset(source, data, length);
        into.availableCount = 0;
        if (!scanner.nextLine()) {
            return; // no clocksource registered: nothing to report
        }
        int n = scanner.fieldCount();
        if (into.available.length < n) {
            into.available = Arrays.copyOf(into.available, n);
        }
        for (int i = 0; i < n; i++) {
            into.available[i] = scanner.string(i, names);
        }
        into.availableCount = n;
    }

    public void parseCurrent(String source, byte[] data, int length, Clocksource into) {
        scanner.reset(source, data, length);
        if (!scanner.nextLine() || scanner.fieldCount() == 0) {
            throw new ProcParseException(source, 1, "current_clocksource", "empty file", "");
        }
        if (scanner.fieldCount() > 1) {
            throw scanner.lineError("expected one clocksource name");
        }
        into.current = scanner.string(0, names);
    }
}
