package dev.ktel.collectors.proc.pressure;

import dev.ktel.core.text.ParseErrors;
import dev.ktel.core.text.ProcParseException;
import dev.ktel.core.text.TextScanner;

/**
 * Parses a Pressure Stall Information file, /proc/pressure/{cpu,io,memory,irq}:
 * {@code some avg10=0.18 avg60=0.13 avg300=0.38 total=4929646} and a {@code full} line; see
 * https://docs.kernel.org/accounting/psi.html. Lines with other prefixes and {@code key=value} pairs with
 * other keys (newer kernels) are skipped. Pure and allocation-free.
 */
public final class PressureParser {
    private final TextScanner scanner = new TextScanner();

    public void parse(String source, byte[] data, int length, PressureStall into, ParseErrors errors) {
        scanner.reset(source, data, length);
        into.hasSome = false;
        into.hasFull = false;
        while (scanner.nextLine()) {
            boolean some = scanner.fieldEquals(0, "some");
            if (!some && !scanner.fieldEquals(0, "full")) {
                continue;
            }
            try {
                parseLine(into, some);
            } catch (ProcParseException e) {
                errors.report(e);
            }
        }
    }

    private void parseLine(PressureStall into, boolean some) {
        double avg10 = Double.NaN;
        double avg60 = Double.NaN;
        double avg300 = Double.NaN;
        long total = -1;
        byte[] buf = scanner.buffer();
        for (int i = 1; i < scanner.fieldCount(); i++) {
            if (scanner.fieldStartsWith(i, "total=")) {
                total = TextScanner.parseUnsigned(buf, scanner.start(i) + 6, scanner.end(i));
                if (total < 0) {
                    throw scanner.error(i, "total", "expected total=<microseconds>");
                }
            } else if (scanner.fieldStartsWith(i, "avg10=")) {
                avg10 = average(i, 6, "avg10");
            } else if (scanner.fieldStartsWith(i, "avg60=")) {
                avg60 = average(i, 6, "avg60");
            } else if (scanner.fieldStartsWith(i, "avg300=")) {
                avg300 = average(i, 7, "avg300");
            }
        }
        if (total < 0) {
            throw scanner.error(scanner.fieldCount(), "total", "missing");
        }
        if (some) {
            into.hasSome = true;
            into.someAvg10 = avg10;
            into.someAvg60 = avg60;
            into.someAvg300 = avg300;
            into.someTotalMicros = total;
        } else {
            into.hasFull = true;
            into.fullAvg10 = avg10;
            into.fullAvg60 = avg60;
            into.fullAvg300 = avg300;
            into.fullTotalMicros = total;
        }
    }

    private double average(int field, int prefix, String name) {
        double v = TextScanner.parseDecimal(scanner.buffer(), scanner.start(field) + prefix, scanner.end(field));
        if (Double.isNaN(v)) {
            throw scanner.error(field, name, "expected " + name + "=<percent>");
        }
        return v;
    }
}
