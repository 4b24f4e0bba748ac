package dev.ktel.collectors.proc.loadavg;

import dev.ktel.core.text.TextScanner;

/**
 * Parses /proc/loadavg ({@code 0.21 0.37 0.39 1/719 19473}); see proc(5). Pure and allocation-free.
 */
public final class LoadAvgParser {
    private final TextScanner scanner = new TextScanner();

    public void parse(String source, byte[] data, int length, LoadAvg into) {
        scanner.reset(source, data, length);
        if (!scanner.nextLine()) {
            throw new dev.ktel.core.text.ProcParseException(source, 1, "line", "empty file", "");
        }
        into.load1 = scanner.decimal(0, "load1");
        into.load5 = scanner.decimal(1, "load5");
        into.load15 = scanner.decimal(2, "load15");
    }
}
