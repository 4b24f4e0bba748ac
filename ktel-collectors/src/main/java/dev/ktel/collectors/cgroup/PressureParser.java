package dev.ktel.collectors.cgroup;

import dev.ktel.core.text.ParseErrors;
import dev.ktel.core.text.TextScanner;

/**
 * Parses a PSI file of a cgroup2 cgroup ({@code cpu.pressure}, {@code memory.pressure}, {@code io.pressure}:
 * {@code some avg10=0.00 avg60=0.00 avg300=0.00 total=12345}, then a {@code full} line; see
 * https://docs.kernel.org/accounting/psi.html). Keeps the {@code total} stall times in microseconds.
 * Pure, allocation-free.
 */
public final class PressureParser {
    private final TextScanner scanner = new TextScanner();

    /** Stall totals of the last parse, microseconds; -1 when the line is absent (cpu "full" before 5.13). */
    public long someTotalMicros;
    public long fullTotalMicros;

    public void parse(String source, byte[] data, int length, ParseErrors errors) {
        someTotalMicros = -1;
        fullTotalMicros = -1;
        scanner.reset(source, data, length);
        while (scanner.nextLine()) {
            boolean some = scanner.fieldEquals(0, "some");
            if (!some && !scanner.fieldEquals(0, "full")) {
                continue;
            }
            long total = -1;
            for (int f = 1; f < scanner.fieldCount(); f++) {
                if (scanner.fieldStartsWith(f, "total=")) {
                    total = TextScanner.parseUnsigned(scanner.buffer(), scanner.start(f) + 6, scanner.end(f));
                    if (total < 0) {
                        errors.report(scanner.error(f, "total", "expected total=<unsigned integer>"));
                    }
                    break;
                }
            }
            if (total < 0 && scanner.fieldCount() > 0) {
                errors.report(scanner.lineError("no total= field"));
                continue;
            }
            if (some) {
                someTotalMicros = total;
            } else {
                fullTotalMicros = total;
            }
        }
    }
}
