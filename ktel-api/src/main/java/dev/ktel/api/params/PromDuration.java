package dev.ktel.api.params;

/**
 * Duration parameters (step, timeout) as the Prometheus API accepts them: float seconds ({@code 15},
 * {@code 0.5}) or a Prometheus duration ({@code 1h30m}, {@code 5m}, {@code 100ms}, units y w d h m s ms in
 * that order, each at most once).
 */
public final class PromDuration {
    private static final String[] UNITS = {"y", "w", "d", "h", "m", "s", "ms"};
    private static final long[] UNIT_MS = {365L * 24 * 3600_000, 7L * 24 * 3600_000, 24L * 3600_000, 3600_000, 60_000,
        1000, 1};

    private PromDuration() {
    }

    /** The duration in nanoseconds (Prometheus' resolution for parameters); throws with the reason. */
    public static long parseNanos(String s) {
        if (PromNumber.looksNumeric(s)) {
            double secs;
            try {
                secs = Double.parseDouble(s);
            } catch (NumberFormatException e) {
                throw cannotParse(s);
            }
            double ns = secs * 1e9;
            if (ns >= 0x1p63 || ns < -0x1p63) {
                throw new IllegalArgumentException("cannot parse \"" + s + "\" to a valid duration. It overflows int64");
            }
            return (long) ns;
        }
        long ms = parsePromDurationMillis(s);
        if (ms > Long.MAX_VALUE / 1_000_000) {
            throw cannotParse(s);
        }
        return ms * 1_000_000;
    }

    /** A Prometheus duration string ({@code 1h30m}) in milliseconds. */
    public static long parsePromDurationMillis(String s) {
        if (s.isEmpty()) {
            throw cannotParse(s);
        }
        if (s.equals("0")) {
            return 0;
        }
        long total = 0;
        int pos = 0;
        int nextUnit = 0;
        while (pos < s.length()) {
            int start = pos;
            while (pos < s.length() && Character.isDigit(s.charAt(pos)) && s.charAt(pos) < 128) {
                pos++;
            }
            if (pos == start) {
                throw cannotParse(s);
            }
            long n;
            try {
                n = Long.parseLong(s, start, pos, 10);
            } catch (NumberFormatException e) {
                throw cannotParse(s);
            }
            int unitStart = pos;
            while (pos < s.length() && !Character.isDigit(s.charAt(pos))) {
                pos++;
            }
            String unit = s.substring(unitStart, pos);
            int u = -1;
            for (int i = nextUnit; i < UNITS.length; i++) {
                if (UNITS[i].equals(unit)) {
                    u = i;
                    break;
                }
            }
            if (u < 0) {
                throw cannotParse(s);
            }
            nextUnit = u + 1;
            if (n > (Long.MAX_VALUE - total) / UNIT_MS[u]) {
                throw new IllegalArgumentException("duration \"" + s + "\" out of range");
            }
            total += n * UNIT_MS[u];
        }
        return total;
    }

    private static IllegalArgumentException cannotParse(String s) {
        return new IllegalArgumentException("cannot parse \"" + s + "\" to a valid duration");
    }
}
