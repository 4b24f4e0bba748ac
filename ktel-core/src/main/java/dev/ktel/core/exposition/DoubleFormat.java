package dev.ktel.core.exposition;

/**
 * Formats sample values for the text formats. Integers and short decimals (most kernel counters and
 * tick-derived seconds) are written without allocating; anything else falls back to
 * {@link Double#toString}, whose shortest round-trip form every Prometheus parser accepts.
 */
public final class DoubleFormat {
    private static final double[] POW10 = {1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9};
    private static final double EXACT_LONG = 9007199254740992.0; // 2^53

    private DoubleFormat() {
    }

    public static void append(ByteBuf out, double v) {
        if (Double.isNaN(v)) {
            out.put("NaN");
            return;
        }
        if (Double.isInfinite(v)) {
            out.put(v > 0 ? "+Inf" : "-Inf");
            return;
        }
        double abs = Math.abs(v);
        if (abs < EXACT_LONG) {
            if (v == Math.rint(v)) {
                out.putLong((long) v);
                return;
            }
            for (int k = 1; k < POW10.length; k++) {
                double scaled = v * POW10[k];
                if (Math.abs(scaled) >= EXACT_LONG) {
                    break;
                }
                double r = Math.rint(scaled);
                if (r / POW10[k] == v) {
                    appendScaled(out, (long) r, k);
                    return;
                }
            }
        }
        out.put(Double.toString(v));
    }

    /** Writes {@code unscaled / 10^scale} in plain decimal notation. */
    private static void appendScaled(ByteBuf out, long unscaled, int scale) {
        if (unscaled < 0) {
            out.put((byte) '-');
            unscaled = -unscaled;
        }
        long divisor = (long) POW10[scale];
        out.putLong(unscaled / divisor);
        out.put((byte) '.');
        long frac = unscaled % divisor;
        // leading zeros of the fraction
        for (long d = divisor / 10; d > frac && d > 1; d /= 10) {
            out.put((byte) '0');
        }
        out.putLong(frac);
    }
}
