package dev.ktel.cli;

import java.util.Locale;

/** Sizes as Prometheus' --storage.tsdb.retention.size writes them: 512MB, 10GB, 1TB (powers of 1024), or bytes. */
final class ByteSize {
    private ByteSize() {
    }

    static long parse(String flag, String text) {
        String s = text.trim().toUpperCase(Locale.ROOT);
        String[] units = {"KB", "MB", "GB", "TB", "B"};
        long[] factors = {1L << 10, 1L << 20, 1L << 30, 1L << 40, 1};
        for (int i = 0; i < units.length; i++) {
            if (s.endsWith(units[i])) {
                return number(flag, text, s.substring(0, s.length() - units[i].length())) * factors[i];
            }
        }
        return number(flag, text, s);
    }

    private static long number(String flag, String text, String digits) {
        try {
            long n = Long.parseLong(digits.trim());
            if (n < 0) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(flag + ": invalid size \"" + text + "\": expected e.g. 512MB, 10GB");
        }
    }
}
