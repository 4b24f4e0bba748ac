package dev.ktel.collectors.host.os;

import dev.ktel.core.text.ParseErrors;
import dev.ktel.core.text.ProcParseException;
import dev.ktel.core.text.StringCache;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Parses os-release ({@code /etc/os-release}, {@code /usr/lib/os-release}): shell-like {@code KEY=value}
 * lines, values bare, in double quotes (backslash escapes) or in single quotes (literal); {@code #} starts a
 * comment line. See <a href="https://www.freedesktop.org/software/systemd/man/latest/os-release.html">
 * os-release(5)</a>. Keys we do not export are skipped. Allocation-free once the values are cached.
 */
public final class OsReleaseParser {
    private final StringCache cache = new StringCache(64);
    private byte[] scratch = new byte[256];

    public void parse(String source, byte[] data, int length, OsRelease into, ParseErrors errors) {
        Arrays.fill(into.values, "");
        into.supportEnd = "";
        int pos = 0;
        int lineNo = 0;
        while (pos < length) {
            lineNo++;
            int end = pos;
            while (end < length && data[end] != '\n') {
                end++;
            }
            try {
                parseLine(source, lineNo, data, pos, end, into);
            } catch (ProcParseException e) {
                errors.report(e);
            }
            pos = end + 1;
        }
    }

    private void parseLine(String source, int lineNo, byte[] b, int s, int e, OsRelease into) {
        while (s < e && isSpace(b[s])) {
            s++;
        }
        while (e > s && isSpace(b[e - 1])) {
            e--;
        }
        if (s == e || b[s] == '#') {
            return;
        }
        int eq = s;
        while (eq < e && b[eq] != '=') {
            eq++;
        }
        if (eq == e || eq == s) {
            throw new ProcParseException(source, lineNo, "line", "expected KEY=value", text(b, s, e));
        }
        int slot = -2;
        for (int i = 0; i < OsRelease.KEYS.length && slot == -2; i++) {
            if (equals(b, s, eq, OsRelease.KEYS[i])) {
                slot = i;
            }
        }
        if (slot == -2 && equals(b, s, eq, "SUPPORT_END")) {
            slot = -1;
        }
        String value = value(source, lineNo, b, eq + 1, e);
        if (slot >= 0) {
            into.values[slot] = value;
        } else if (slot == -1) {
            into.supportEnd = value;
        }
    }

    private String value(String source, int lineNo, byte[] b, int s, int e) {
        if (scratch.length < e - s) {
            scratch = new byte[e - s];
        }
        int n = 0;
        int i = s;
        while (i < e) {
            byte c = b[i];
            if (c == '"' || c == '\'') {
                int close = i + 1;
                while (close < e && b[close] != c) {
                    if (c == '"' && b[close] == '\\' && close + 1 < e) {
                        close++;
                    }
                    close++;
                }
                if (close >= e) {
                    throw new ProcParseException(source, lineNo, "value", "unterminated quote", text(b, s, e));
                }
                for (int j = i + 1; j < close; j++) {
                    if (c == '"' && b[j] == '\\' && j + 1 < close && isEscapable(b[j + 1])) {
                        j++;
                    }
                    scratch[n++] = b[j];
                }
                i = close + 1;
            } else if (c == '\\' && i + 1 < e) {
                scratch[n++] = b[i + 1];
                i += 2;
            } else if (isSpace(c)) {
                // a comment may follow the value; anything else is a syntax error
                int j = i;
                while (j < e && isSpace(b[j])) {
                    j++;
                }
                if (j < e && b[j] != '#') {
                    throw new ProcParseException(source, lineNo, "value", "unquoted space in value",
                            text(b, s, e));
                }
                break;
            } else {
                scratch[n++] = c;
                i++;
            }
        }
        return cache.get(scratch, 0, n);
    }

    private static boolean isEscapable(byte c) {
        return c == '"' || c == '\\' || c == '$' || c == '`' || c == '\n';
    }

    private static boolean isSpace(byte c) {
        return c == ' ' || c == '\t' || c == '\r';
    }

    private static boolean equals(byte[] b, int s, int e, String ascii) {
        if (e - s != ascii.length()) {
            return false;
        }
        for (int i = 0; i < ascii.length(); i++) {
            if (b[s + i] != ascii.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static String text(byte[] b, int s, int e) {
        return new String(b, s, e - s, StandardCharsets.UTF_8);
    }

    /**
     * The leading {@code major[.minor]} of VERSION_ID as node_exporter reads it ({@code ^[0-9]+\.?[0-9]*}),
     * or 0 when it does not start with a digit.
     */
    public static double majorMinor(String versionId) {
        int i = 0;
        int n = versionId.length();
        while (i < n && versionId.charAt(i) >= '0' && versionId.charAt(i) <= '9') {
            i++;
        }
        if (i == 0) {
            return 0;
        }
        if (i < n && versionId.charAt(i) == '.') {
            i++;
            while (i < n && versionId.charAt(i) >= '0' && versionId.charAt(i) <= '9') {
                i++;
            }
        }
        return Double.parseDouble(versionId.substring(0, i));
    }
}
