package dev.ktel.core.text;

import java.nio.charset.StandardCharsets;

/**
 * Splits the text of a kernel file into lines and each line into fields, over a byte array, without
 * allocating. Numbers are parsed straight from the bytes. Field separators are chosen per file (spaces and
 * tabs by default; {@code /proc/net/dev} adds ':').
 *
 * <p>Errors name the source, the line number, the field and the text found (see {@link ProcParseException}).
 * Allocation-free after warm-up; not thread-safe.
 */
public final class TextScanner {
    private static final int MAX_FIELDS_DEFAULT = 64;

    private final boolean[] separator = new boolean[256];
    private String source = "?";
    private byte[] buf = new byte[0];
    private int limit;
    private int pos;
    private int lineNo;
    private int lineStart;
    private int lineEnd;
    private int[] starts = new int[MAX_FIELDS_DEFAULT];
    private int[] ends = new int[MAX_FIELDS_DEFAULT];
    private int count;

    /** Scanner splitting on spaces and tabs. */
    public TextScanner() {
        this(" \t");
    }

    /** Scanner splitting on each of the given ASCII characters. */
    public TextScanner(String separators) {
        for (int i = 0; i < separators.length(); i++) {
            separator[separators.charAt(i)] = true;
        }
    }

    /** Starts scanning {@code length} bytes of {@code data}; {@code source} is used in error messages. */
    public TextScanner reset(String source, byte[] data, int length) {
        this.source = source;
        this.buf = data;
        this.limit = length;
        this.pos = 0;
        this.lineNo = 0;
        this.count = 0;
        return this;
    }

    /** Advances to the next line and splits it; false at the end of the text. */
    public boolean nextLine() {
        if (pos >= limit) {
            count = 0;
            return false;
        }
        lineNo++;
        lineStart = pos;
        int end = pos;
        while (end < limit && buf[end] != '\n') {
            end++;
        }
        lineEnd = end;
        pos = end + 1;
        split();
        return true;
    }

    private void split() {
        count = 0;
        int i = lineStart;
        while (i < lineEnd) {
            while (i < lineEnd && isSep(buf[i])) {
                i++;
            }
            if (i >= lineEnd) {
                break;
            }
            int s = i;
            while (i < lineEnd && !isSep(buf[i])) {
                i++;
            }
            if (count == starts.length) {
                starts = java.util.Arrays.copyOf(starts, count * 2);
                ends = java.util.Arrays.copyOf(ends, count * 2);
            }
            starts[count] = s;
            ends[count] = i;
            count++;
        }
    }

    private boolean isSep(byte b) {
        return separator[b & 0xff] || b == '\r';
    }

    public String source() {
        return source;
    }

    public int lineNumber() {
        return lineNo;
    }

    public int fieldCount() {
        return count;
    }

    public byte[] buffer() {
        return buf;
    }

    public int lineStart() {
        return lineStart;
    }

    public int lineEnd() {
        return lineEnd;
    }

    public int start(int field) {
        check(field);
        return starts[field];
    }

    public int end(int field) {
        check(field);
        return ends[field];
    }

    public int length(int field) {
        check(field);
        return ends[field] - starts[field];
    }

    private void check(int field) {
        if (field >= count) {
            throw new ProcParseException(source, lineNo, "field " + (field + 1),
                    "missing (line has " + count + " fields)", lineText());
        }
    }

    /** True when the field's bytes equal the ASCII text. */
    public boolean fieldEquals(int field, String ascii) {
        if (field >= count || ends[field] - starts[field] != ascii.length()) {
            return false;
        }
        int s = starts[field];
        for (int i = 0; i < ascii.length(); i++) {
            if (buf[s + i] != ascii.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    public boolean fieldStartsWith(int field, String ascii) {
        if (field >= count || ends[field] - starts[field] < ascii.length()) {
            return false;
        }
        int s = starts[field];
        for (int i = 0; i < ascii.length(); i++) {
            if (buf[s + i] != ascii.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    public boolean fieldEndsWith(int field, char c) {
        return field < count && ends[field] > starts[field] && buf[ends[field] - 1] == c;
    }

    /** The field as a cached String (see {@link StringCache}). */
    public String string(int field, StringCache cache) {
        check(field);
        return cache.get(buf, starts[field], ends[field]);
    }

    /** The field as a cached String with {@code trim} bytes cut from its end (e.g. a trailing ':'). */
    public String string(int field, int trim, StringCache cache) {
        check(field);
        return cache.get(buf, starts[field], Math.max(starts[field], ends[field] - trim));
    }

    /** The field as a new String; for cold paths and error messages. */
    public String text(int field) {
        return field < count ? new String(buf, starts[field], ends[field] - starts[field], StandardCharsets.UTF_8)
                : "";
    }

    /** The whole current line as a new String; for error messages. */
    public String lineText() {
        return new String(buf, lineStart, lineEnd - lineStart, StandardCharsets.UTF_8);
    }

    /** Parses a field as an unsigned decimal integer. */
    public long unsigned(int field, String name) {
        check(field);
        long v = parseUnsigned(buf, starts[field], ends[field]);
        if (v < 0) {
            throw error(field, name, "expected unsigned integer");
        }
        return v;
    }

    /** Parses a field as a signed decimal integer. */
    public long signed(int field, String name) {
        check(field);
        int s = starts[field];
        int e = ends[field];
        boolean neg = s < e && buf[s] == '-';
        long v = parseUnsigned(buf, neg ? s + 1 : s, e);
        if (v < 0) {
            throw error(field, name, "expected integer");
        }
        return neg ? -v : v;
    }

    /**
     * Parses a field as a decimal number ({@code 12}, {@code -3.25}, {@code 1e3}); the kernel writes plain
     * decimals, so this is exact for them and falls back to {@link Double#parseDouble} otherwise.
     */
    public double decimal(int field, String name) {
        check(field);
        double v = parseDecimal(buf, starts[field], ends[field]);
        if (Double.isNaN(v)) {
            try {
                return Double.parseDouble(text(field));
            } catch (NumberFormatException ex) {
                throw error(field, name, "expected number");
            }
        }
        return v;
    }

    /** Parses a field as an unsigned hexadecimal integer (with or without 0x). */
    public long hex(int field, String name) {
        check(field);
        int s = starts[field];
        int e = ends[field];
        if (e - s > 2 && buf[s] == '0' && (buf[s + 1] == 'x' || buf[s + 1] == 'X')) {
            s += 2;
        }
        if (s == e || e - s > 16) {
            throw error(field, name, "expected hexadecimal integer");
        }
        long v = 0;
        for (int i = s; i < e; i++) {
            int d = Character.digit(buf[i], 16);
            if (d < 0) {
                throw error(field, name, "expected hexadecimal integer");
            }
            v = (v << 4) | d;
        }
        return v;
    }

    public ProcParseException error(int field, String name, String problem) {
        return new ProcParseException(source, lineNo, "field " + (field + 1) + " (" + name + ")", problem,
                text(field));
    }

    public ProcParseException lineError(String problem) {
        return new ProcParseException(source, lineNo, "line", problem, lineText());
    }

    /** Unsigned decimal integer of buf[s, e), or -1 if it is not one (or overflows). */
    public static long parseUnsigned(byte[] buf, int s, int e) {
        if (s >= e || e - s > 19) {
            if (e - s == 20) {
                return parseUnsigned20(buf, s, e);
            }
            return -1;
        }
        long v = 0;
        for (int i = s; i < e; i++) {
            int d = buf[i] - '0';
            if (d < 0 || d > 9) {
                return -1;
            }
            v = v * 10 + d;
        }
        return v;
    }

    /** 20-digit values (u64 counters above 2^63) clamp to Long.MAX_VALUE rather than fail. */
    private static long parseUnsigned20(byte[] buf, int s, int e) {
        for (int i = s; i < e; i++) {
            if (buf[i] < '0' || buf[i] > '9') {
                return -1;
            }
        }
        return Long.MAX_VALUE;
    }

    /** Plain decimal ("-12.5") of buf[s, e) without exponent, or NaN. */
    public static double parseDecimal(byte[] buf, int s, int e) {
        if (s >= e) {
            return Double.NaN;
        }
        boolean neg = false;
        if (buf[s] == '-' || buf[s] == '+') {
            neg = buf[s] == '-';
            s++;
        }
        long mantissa = 0;
        int digits = 0;
        int scale = 0;
        boolean dot = false;
        for (int i = s; i < e; i++) {
            byte b = buf[i];
            if (b == '.' && !dot) {
                dot = true;
                continue;
            }
            int d = b - '0';
            if (d < 0 || d > 9) {
                return Double.NaN;
            }
            if (++digits > 18) {
                return Double.NaN;
            }
            mantissa = mantissa * 10 + d;
            if (dot) {
                scale++;
            }
        }
        if (digits == 0 || mantissa > (1L << 53)) {
            return Double.NaN; // not exact in the fast path
        }
        double v = scale == 0 ? mantissa : mantissa / POW10[scale];
        return neg ? -v : v;
    }

    private static final double[] POW10 = {1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12,
        1e13, 1e14, 1e15, 1e16, 1e17};
}
