package dev.ktel.api.json;

/**
 * Number text exactly as the Prometheus HTTP API writes it, so clients that compare strings (dashboards,
 * conformance scripts) see the same bytes as from Prometheus:
 *
 * <ul>
 *   <li>sample values: shortest round-trip digits, plain notation, exponent notation below 1e-6 and from 1e21
 *       ({@code 1e-07}, {@code 1.5e+21}); {@code NaN}, {@code +Inf}, {@code -Inf}; negative zero keeps its sign;
 *   <li>sample timestamps: seconds with the milliseconds as three digits when not zero ({@code 1435781451.780});
 *   <li>scalar and string results: the value always in plain notation and the timestamp as the shortest float.
 * </ul>
 *
 * The shortest digits come from {@link Double#toString}, which since JDK 19 yields the shortest decimal that
 * rounds to the double, as Go's strconv does.
 */
public final class PromFloat {
    private static final double EXACT_LONG = 9007199254740992.0; // 2^53

    private PromFloat() {
    }

    /** A sample value (no quotes). */
    public static void appendValue(StringBuilder sb, double v) {
        if (special(sb, v)) {
            return;
        }
        double abs = Math.abs(v);
        if (abs != 0 && (abs < 1e-6 || abs >= 1e21)) {
            appendExponent(sb, v);
        } else {
            appendPlain(sb, v);
        }
    }

    /** A value in plain notation whatever its magnitude (Prometheus' scalar results). */
    public static void appendPlain(StringBuilder sb, double v) {
        if (special(sb, v)) {
            return;
        }
        if (v == Math.rint(v) && Math.abs(v) < EXACT_LONG) {
            if (v == 0 && Double.doubleToRawLongBits(v) != 0) {
                sb.append('-');
            }
            sb.append((long) v);
            return;
        }
        double abs = Math.abs(v);
        if (abs >= 1e-3 && abs < 1e7) {
            // here Java's shortest repr is already plain notation with the same digits Go prints; no copies
            sb.append(v);
            return;
        }
        Digits d = Digits.of(v);
        if (d.negative) {
            sb.append('-');
        }
        int n = d.digits.length();
        if (d.pointPos <= 0) {
            sb.append("0.");
            for (int i = d.pointPos; i < 0; i++) {
                sb.append('0');
            }
            sb.append(d.digits);
        } else if (d.pointPos >= n) {
            sb.append(d.digits);
            for (int i = n; i < d.pointPos; i++) {
                sb.append('0');
            }
        } else {
            sb.append(d.digits, 0, d.pointPos).append('.').append(d.digits, d.pointPos, n);
        }
    }

    /** Go's {@code 'e'} format with shortest digits: {@code 1e-07}, {@code -2.5e+21}. */
    static void appendExponent(StringBuilder sb, double v) {
        Digits d = Digits.of(v);
        if (d.negative) {
            sb.append('-');
        }
        sb.append(d.digits.charAt(0));
        if (d.digits.length() > 1) {
            sb.append('.').append(d.digits, 1, d.digits.length());
        }
        int exp = d.pointPos - 1;
        sb.append('e').append(exp < 0 ? '-' : '+');
        int a = Math.abs(exp);
        if (a < 10) {
            sb.append('0');
        }
        sb.append(a);
    }

    /** A sample timestamp: whole seconds, then {@code .mmm} when the milliseconds are not zero. */
    public static void appendTimestamp(StringBuilder sb, long millis) {
        if (millis < 0) {
            sb.append('-');
            millis = -millis;
        }
        sb.append(millis / 1000);
        long frac = millis % 1000;
        if (frac != 0) {
            sb.append('.');
            if (frac < 100) {
                sb.append('0');
            }
            if (frac < 10) {
                sb.append('0');
            }
            sb.append(frac);
        }
    }

    /** A timestamp as the shortest float of seconds (how Prometheus encodes scalar and string results). */
    public static void appendSeconds(StringBuilder sb, long millis) {
        appendPlain(sb, millis / 1000.0);
    }

    /** The text of a sample value, for callers that need a String. */
    public static String value(double v) {
        StringBuilder sb = new StringBuilder(24);
        appendValue(sb, v);
        return sb.toString();
    }

    private static boolean special(StringBuilder sb, double v) {
        if (Double.isNaN(v)) {
            sb.append("NaN");
            return true;
        }
        if (Double.isInfinite(v)) {
            sb.append(v > 0 ? "+Inf" : "-Inf");
            return true;
        }
        return false;
    }

    /** Shortest significant digits (no leading or trailing zeros) and where the decimal point goes. */
    private record Digits(boolean negative, String digits, int pointPos) {
        static Digits of(double v) {
            boolean neg = v < 0 || (v == 0 && Double.doubleToRawLongBits(v) != 0);
            String s = Double.toString(Math.abs(v));
            int e = s.indexOf('E');
            int exp = e < 0 ? 0 : Integer.parseInt(s, e + 1, s.length(), 10);
            String mant = e < 0 ? s : s.substring(0, e);
            int dot = mant.indexOf('.');
            String raw = mant.substring(0, dot) + mant.substring(dot + 1);
            int point = dot + exp;
            int start = 0;
            while (start < raw.length() - 1 && raw.charAt(start) == '0') {
                start++;
                point--;
            }
            int end = raw.length();
            while (end > start + 1 && raw.charAt(end - 1) == '0') {
                end--;
            }
            String digits = raw.substring(start, end);
            if (digits.length() == 2 && Math.abs(v) < Double.MIN_NORMAL) {
                return shortestSubnormal(neg, digits, point, Math.abs(v));
            }
            return new Digits(neg, digits, point);
        }

        /**
         * Java prints at least two digits where one would round-trip; that only matters where doubles are sparse
         * (subnormals, e.g. 4.9E-324 vs Go's 5e-324), so only there is the one-digit form tried.
         */
        private static Digits shortestSubnormal(boolean neg, String digits, int point, double abs) {
            java.math.BigDecimal exact = new java.math.BigDecimal(abs);
            Digits best = null;
            java.math.BigDecimal bestDistance = null;
            int first = digits.charAt(0) - '0';
            for (int d : new int[] {first, first + 1}) {
                String one = d == 10 ? "1" : String.valueOf(d);
                int p = d == 10 ? point + 1 : point;
                java.math.BigDecimal candidate = new java.math.BigDecimal(one + "E" + (p - 1));
                if (candidate.doubleValue() == abs) {
                    java.math.BigDecimal distance = candidate.subtract(exact).abs();
                    if (best == null || distance.compareTo(bestDistance) < 0) {
                        best = new Digits(neg, one, p);
                        bestDistance = distance;
                    }
                }
            }
            return best != null ? best : new Digits(neg, digits, point);
        }
    }
}
