package dev.ktel.collectors.host.textfile;

import dev.ktel.core.metric.MetricType;
import dev.ktel.core.text.ProcParseException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses the Prometheus text exposition format 0.0.4
 * (<a href="https://prometheus.io/docs/instrumenting/exposition_formats/">exposition formats</a>) as written
 * into node_exporter's textfile directory: {@code # HELP}, {@code # TYPE}, comments and
 * {@code name{label="value",...} value} lines. Like Prometheus' own parser it rejects the whole file at the
 * first error; the exception names file:line, the part that failed and the text seen. Client-side
 * timestamps are rejected, as node_exporter's textfile collector rejects them.
 *
 * <p>Not on a hot path: textfiles are re-parsed only when their modification time or size changes.
 */
public final class TextFormatParser {
    private String source;
    private byte[] b;
    private int pos;
    private int end;
    private int lineNo;
    private int lineStart;
    private final Map<String, TextFamily> families = new LinkedHashMap<>();
    private final Map<String, String> strings = new HashMap<>();

    /** Families in order of first appearance. */
    public List<TextFamily> parse(String source, byte[] data, int length) {
        this.source = source;
        this.b = data;
        this.families.clear();
        int p = 0;
        lineNo = 0;
        while (p < length) {
            lineNo++;
            int e = p;
            while (e < length && data[e] != '\n') {
                e++;
            }
            lineStart = p;
            pos = p;
            end = e;
            parseLine();
            p = e + 1;
        }
        return new ArrayList<>(families.values());
    }

    private void parseLine() {
        skipSpace();
        if (pos == end) {
            return;
        }
        if (b[pos] == '#') {
            pos++;
            skipSpace();
            if (keyword("HELP")) {
                parseHelp();
            } else if (keyword("TYPE")) {
                parseType();
            }
            return; // other comments
        }
        parseSample();
    }

    private boolean keyword(String word) {
        int n = word.length();
        if (end - pos < n + 1) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            if (b[pos + i] != word.charAt(i)) {
                return false;
            }
        }
        if (b[pos + n] != ' ' && b[pos + n] != '\t') {
            return false;
        }
        pos += n;
        skipSpace();
        return true;
    }

    private void parseHelp() {
        String name = metricName("HELP metric name");
        TextFamily f = family(name);
        if (f.help != null) {
            throw error("HELP", "second HELP line for metric name " + name);
        }
        if (pos < end && b[pos] != ' ' && b[pos] != '\t') {
            throw error("HELP metric name", "invalid metric name");
        }
        skipSpace();
        StringBuilder sb = new StringBuilder(end - pos);
        for (int i = pos; i < end; i++) {
            byte c = b[i];
            if (c == '\\' && i + 1 < end && (b[i + 1] == '\\' || b[i + 1] == 'n')) {
                sb.append(b[i + 1] == 'n' ? '\n' : '\\');
                i++;
            } else {
                sb.append((char) (c & 0xff));
            }
        }
        f.help = utf8(sb);
    }

    private void parseType() {
        String name = metricName("TYPE metric name");
        skipSpace();
        int s = pos;
        while (pos < end && b[pos] != ' ' && b[pos] != '\t' && b[pos] != '\r') {
            pos++;
        }
        String t = new String(b, s, pos - s, StandardCharsets.US_ASCII);
        skipSpace();
        if (pos != end) {
            throw error("TYPE", "unexpected text after type");
        }
        MetricType type = switch (t) {
            case "counter" -> MetricType.COUNTER;
            case "gauge" -> MetricType.GAUGE;
            case "untyped" -> MetricType.UNTYPED;
            case "histogram" -> MetricType.HISTOGRAM;
            case "summary" -> MetricType.SUMMARY;
            default -> throw error("TYPE", "unknown metric type \"" + t + "\"");
        };
        TextFamily f = family(name);
        if (f.typed || !f.samples.isEmpty()) {
            throw error("TYPE", "second TYPE line for metric name " + name + ", or TYPE reported after samples");
        }
        f.type = type;
        f.typed = true;
    }

    private void parseSample() {
        String name = metricName("metric name");
        TextFamily f = families.get(name);
        String suffix = "";
        if (f == null || f.type == MetricType.HISTOGRAM || f.type == MetricType.SUMMARY) {
            for (String sfx : new String[] {"_bucket", "_sum", "_count"}) {
                if (name.endsWith(sfx) && name.length() > sfx.length()) {
                    TextFamily base = families.get(name.substring(0, name.length() - sfx.length()));
                    if (base != null && (base.type == MetricType.HISTOGRAM
                            || base.type == MetricType.SUMMARY && !sfx.equals("_bucket"))) {
                        f = base;
                        suffix = sfx;
                    }
                }
            }
        }
        if (f == null) {
            f = family(name);
        }
        List<String> names = new ArrayList<>(4);
        List<String> values = new ArrayList<>(4);
        int afterName = pos;
        skipSpace();
        if (pos < end && b[pos] == '{') {
            pos++;
            parseLabels(names, values);
        } else if (pos == afterName && pos < end) {
            throw error("metric name", "invalid metric name");
        }
        skipSpace();
        int s = pos;
        while (pos < end && b[pos] != ' ' && b[pos] != '\t' && b[pos] != '\r') {
            pos++;
        }
        if (s == pos) {
            throw error("value", "missing value");
        }
        double value = parseValue(new String(b, s, pos - s, StandardCharsets.US_ASCII));
        skipSpace();
        if (pos != end) {
            throw error("timestamp", "client-side timestamps are not supported (file skipped, as node_exporter)");
        }
        String[] ln = names.toArray(String[]::new);
        String[] lv = values.toArray(String[]::new);
        if (f.type == MetricType.HISTOGRAM && suffix.equals("_bucket") && !names.contains("le")) {
            throw error("labels", "histogram bucket without le label");
        }
        if (f.type == MetricType.SUMMARY && suffix.isEmpty() && !names.contains("quantile")) {
            throw error("labels", "summary sample without quantile label");
        }
        if (f.type == MetricType.HISTOGRAM && suffix.isEmpty()) {
            throw error("metric name", "histogram sample " + name + " without _bucket, _sum or _count");
        }
        f.samples.add(new TextSample(suffix, ln, lv, value, lineNo));
    }

    private void parseLabels(List<String> names, List<String> values) {
        while (true) {
            skipSpace();
            if (pos < end && b[pos] == '}') {
                pos++;
                return;
            }
            int s = pos;
            while (pos < end && isNameChar(b[pos], pos == s, false)) {
                pos++;
            }
            if (s == pos) {
                throw error("label name", "invalid label name");
            }
            String name = intern(s, pos);
            if (name.startsWith("__") || names.contains(name)) {
                throw error("label name", names.contains(name) ? "duplicate label " + name : "reserved label name");
            }
            skipSpace();
            if (pos >= end || b[pos] != '=') {
                throw error("label " + name, "expected '='");
            }
            pos++;
            skipSpace();
            if (pos >= end || b[pos] != '"') {
                throw error("label " + name, "expected '\"'");
            }
            pos++;
            StringBuilder sb = new StringBuilder();
            while (true) {
                if (pos >= end) {
                    throw error("label " + name, "unterminated label value");
                }
                byte c = b[pos++];
                if (c == '"') {
                    break;
                }
                if (c == '\\') {
                    if (pos >= end) {
                        throw error("label " + name, "unterminated label value");
                    }
                    byte n = b[pos++];
                    switch (n) {
                        case '\\' -> sb.append('\\');
                        case '"' -> sb.append('"');
                        case 'n' -> sb.append('\n');
                        default -> throw error("label " + name, "invalid escape sequence \\" + (char) n);
                    }
                } else {
                    sb.append((char) (c & 0xff));
                }
            }
            names.add(name);
            values.add(internString(utf8(sb)));
            skipSpace();
            if (pos < end && b[pos] == ',') {
                pos++;
            } else if (pos >= end || b[pos] != '}') {
                throw error("label " + name, "expected ',' or '}'");
            }
        }
    }

    private double parseValue(String s) {
        switch (s) {
            case "NaN", "nan" -> {
                return Double.NaN;
            }
            case "+Inf", "Inf", "+inf", "inf" -> {
                return Double.POSITIVE_INFINITY;
            }
            case "-Inf", "-inf" -> {
                return Double.NEGATIVE_INFINITY;
            }
            default -> {
                // Java also accepts "1d", "Infinity", "0x1p3" with a type suffix; Go does not
                char last = s.charAt(s.length() - 1);
                if (last != '.' && !(last >= '0' && last <= '9')) {
                    throw error("value", "expected number");
                }
                try {
                    return Double.parseDouble(s);
                } catch (NumberFormatException e) {
                    throw error("value", "expected number");
                }
            }
        }
    }

    private String metricName(String field) {
        int s = pos;
        while (pos < end && isNameChar(b[pos], pos == s, true)) {
            pos++;
        }
        if (s == pos) {
            throw error(field, "invalid metric name");
        }
        String name = intern(s, pos);
        skipSpaceOnly();
        return name;
    }

    private TextFamily family(String name) {
        return families.computeIfAbsent(name, n -> new TextFamily(n, lineNo));
    }

    private static boolean isNameChar(byte c, boolean first, boolean colon) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || colon && c == ':'
                || !first && c >= '0' && c <= '9';
    }

    private void skipSpace() {
        while (pos < end && (b[pos] == ' ' || b[pos] == '\t' || b[pos] == '\r')) {
            pos++;
        }
    }

    private void skipSpaceOnly() {
        // metric names end at a space, '{' or the line end; HELP text keeps its own spacing
        if (pos < end && b[pos] == '\r' && pos + 1 == end) {
            pos++;
        }
    }

    private String intern(int s, int e) {
        String v = new String(b, s, e - s, StandardCharsets.US_ASCII);
        return internString(v);
    }

    private String internString(String v) {
        String old = strings.putIfAbsent(v, v);
        return old != null ? old : v;
    }

    private static String utf8(StringBuilder latin1) {
        byte[] raw = new byte[latin1.length()];
        for (int i = 0; i < raw.length; i++) {
            raw[i] = (byte) latin1.charAt(i);
        }
        return new String(raw, StandardCharsets.UTF_8);
    }

    private ProcParseException error(String field, String problem) {
        return new ProcParseException(source, lineNo, field, problem,
                new String(b, lineStart, end - lineStart, StandardCharsets.UTF_8));
    }
}
