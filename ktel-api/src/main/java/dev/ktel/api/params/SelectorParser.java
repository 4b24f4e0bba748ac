package dev.ktel.api.params;

import dev.ktel.store.api.Labels;
import dev.ktel.store.api.Matcher;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses a series selector as used in {@code match[]}: {@code up}, {@code up{job="a",code=~"5.."}},
 * {@code {__name__=~"node_.*"}}, and Prometheus 3's quoted UTF-8 names ({@code {"my.metric", "a.b"="1"}}).
 * Strings take PromQL's double, single or back quotes and Go escape sequences. Errors carry the 1-based
 * {@code line:column} of the offending character, as Prometheus' parser reports them.
 */
public final class SelectorParser {
    private final String in;
    private int pos;

    private SelectorParser(String in) {
        this.in = in;
    }

    /** The matchers of one selector; throws {@link IllegalArgumentException} with the position and reason. */
    public static List<Matcher> parse(String selector) {
        SelectorParser p = new SelectorParser(selector);
        List<Matcher> out = p.selector();
        p.skipSpace();
        if (p.pos < p.in.length()) {
            throw p.error("unexpected character after selector: '" + p.in.charAt(p.pos) + "'");
        }
        return out;
    }

    private List<Matcher> selector() {
        List<Matcher> matchers = new ArrayList<>();
        String name = null;
        skipSpace();
        if (pos < in.length() && isNameStart(in.charAt(pos), true)) {
            name = identifier(true);
            matchers.add(Matcher.metricName(name));
            skipSpace();
        }
        if (pos < in.length() && in.charAt(pos) == '{') {
            pos++;
            name = matcherList(matchers, name);
        } else if (name == null) {
            throw error(pos < in.length() ? "unexpected character: '" + in.charAt(pos) + "'" : "unexpected end of input");
        }
        if (matchers.isEmpty()) {
            throw error("vector selector must contain at least one non-empty matcher");
        }
        return matchers;
    }

    /** Reads {@code a="x", "b"!="y", "utf8.name"} up to the closing brace; returns the metric name if set. */
    private String matcherList(List<Matcher> matchers, String metricName) {
        while (true) {
            skipSpace();
            if (pos >= in.length()) {
                throw error("unexpected end of input inside braces");
            }
            if (in.charAt(pos) == '}') {
                pos++;
                return metricName;
            }
            int itemStart = pos;
            String label;
            boolean quoted = in.charAt(pos) == '"' || in.charAt(pos) == '\'' || in.charAt(pos) == '`';
            if (quoted) {
                label = string();
            } else if (isNameStart(in.charAt(pos), false)) {
                label = identifier(false);
            } else {
                throw error("unexpected character inside braces: '" + in.charAt(pos) + "'");
            }
            skipSpace();
            Matcher.Type op = operator();
            if (op == null) {
                if (!quoted) {
                    throw error("unexpected label name \"" + label + "\" without matcher operator", itemStart);
                }
                metricName = setName(metricName, label, itemStart);
                matchers.add(Matcher.metricName(label));
            } else {
                skipSpace();
                if (pos >= in.length() || "\"'`".indexOf(in.charAt(pos)) < 0) {
                    throw error("expected label value string after " + op.op());
                }
                String value = string();
                if (label.equals(Labels.METRIC_NAME) && op == Matcher.Type.EQUAL) {
                    metricName = setName(metricName, value, itemStart);
                }
                try {
                    matchers.add(Matcher.of(op, label, value));
                } catch (IllegalArgumentException e) {
                    throw error(e.getMessage(), itemStart);
                }
            }
            skipSpace();
            if (pos < in.length() && in.charAt(pos) == ',') {
                pos++;
            } else if (pos < in.length() && in.charAt(pos) != '}') {
                throw error("unexpected character inside braces: '" + in.charAt(pos) + "', expected \",\" or \"}\"");
            }
        }
    }

    private String setName(String existing, String name, int at) {
        if (existing != null) {
            throw error("metric name must not be set twice: \"" + existing + "\" or \"" + name + "\"", at);
        }
        return name;
    }

    private Matcher.Type operator() {
        if (pos >= in.length()) {
            return null;
        }
        char c = in.charAt(pos);
        char n = pos + 1 < in.length() ? in.charAt(pos + 1) : 0;
        if (c == '=' && n == '~') {
            pos += 2;
            return Matcher.Type.REGEX;
        }
        if (c == '!' && n == '~') {
            pos += 2;
            return Matcher.Type.NOT_REGEX;
        }
        if (c == '!' && n == '=') {
            pos += 2;
            return Matcher.Type.NOT_EQUAL;
        }
        if (c == '=') {
            pos++;
            return Matcher.Type.EQUAL;
        }
        return null;
    }

    private String identifier(boolean metric) {
        int start = pos;
        pos++;
        while (pos < in.length() && isNamePart(in.charAt(pos), metric)) {
            pos++;
        }
        return in.substring(start, pos);
    }

    private static boolean isNameStart(char c, boolean metric) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || (metric && c == ':');
    }

    private static boolean isNamePart(char c, boolean metric) {
        return isNameStart(c, metric) || (c >= '0' && c <= '9');
    }

    /** A quoted string with Go escapes ("..." and '...') or raw (`...`). */
    private String string() {
        int start = pos;
        char q = in.charAt(pos++);
        StringBuilder sb = new StringBuilder();
        while (pos < in.length()) {
            char c = in.charAt(pos++);
            if (c == q) {
                return sb.toString();
            }
            if (q == '`') {
                sb.append(c);
            } else if (c == '\\') {
                escape(sb);
            } else if (c == '\n') {
                throw error("unterminated quoted string", start);
            } else {
                sb.append(c);
            }
        }
        throw error("unterminated quoted string", start);
    }

    private void escape(StringBuilder sb) {
        if (pos >= in.length()) {
            throw error("unterminated escape sequence");
        }
        int at = pos - 1;
        char c = in.charAt(pos++);
        switch (c) {
            case 'a' -> sb.append('\u0007');
            case 'b' -> sb.append('\b');
            case 'f' -> sb.append('\f');
            case 'n' -> sb.append('\n');
            case 'r' -> sb.append('\r');
            case 't' -> sb.append('\t');
            case 'v' -> sb.append('\u000b');
            case '\\', '"', '\'' -> sb.append(c);
            case 'x' -> sb.append((char) hex(2, at));
            case 'u' -> sb.appendCodePoint(hex(4, at));
            case 'U' -> sb.appendCodePoint(hex(8, at));
            default -> {
                if (c >= '0' && c <= '7') {
                    pos--;
                    int v = 0;
                    for (int i = 0; i < 3; i++) {
                        char d = pos < in.length() ? in.charAt(pos) : 0;
                        if (d < '0' || d > '7') {
                            throw error("invalid octal escape sequence", at);
                        }
                        v = v * 8 + (d - '0');
                        pos++;
                    }
                    if (v > 255) {
                        throw error("octal escape value > 255", at);
                    }
                    sb.append((char) v);
                } else {
                    throw error("unknown escape sequence '\\" + c + "'", at);
                }
            }
        }
    }

    private int hex(int digits, int at) {
        if (pos + digits > in.length()) {
            throw error("invalid escape sequence", at);
        }
        int v;
        try {
            v = Integer.parseUnsignedInt(in, pos, pos + digits, 16);
        } catch (NumberFormatException e) {
            throw error("invalid escape sequence", at);
        }
        if (!Character.isValidCodePoint(v) || (v >= 0xD800 && v <= 0xDFFF)) {
            throw error("escape sequence is an invalid Unicode code point", at);
        }
        pos += digits;
        return v;
    }

    private void skipSpace() {
        while (pos < in.length() && Character.isWhitespace(in.charAt(pos))) {
            pos++;
        }
    }

    private IllegalArgumentException error(String msg) {
        return error(msg, pos);
    }

    private IllegalArgumentException error(String msg, int at) {
        int line = 1;
        int col = 1;
        for (int i = 0; i < at && i < in.length(); i++) {
            if (in.charAt(i) == '\n') {
                line++;
                col = 1;
            } else {
                col++;
            }
        }
        return new IllegalArgumentException(line + ":" + col + ": parse error: " + msg);
    }
}
