package dev.ktel.pipeline.relabel;

import java.util.regex.Matcher;

/**
 * Expands {@code $1}, {@code ${1}}, {@code $name} and {@code ${name}} against a regex match with the rules of
 * Go's {@code Regexp.Expand}, which Prometheus uses: a bare reference takes the longest run of letters, digits
 * and underscores ({@code $1x} is the group named "1x", hence empty; write {@code ${1}x}), an unknown group
 * expands to nothing, {@code $$} is a literal dollar and a malformed reference is kept as text.
 */
final class ReplacementTemplate {
    private ReplacementTemplate() {
    }

    static String expand(String template, Matcher m) {
        if (template.indexOf('$') < 0) {
            return template;
        }
        if (template.equals("$1") || template.equals("${1}")) {
            String g = m.groupCount() >= 1 ? m.group(1) : null; // the default replacement: no builder
            return g == null ? "" : g;
        }
        StringBuilder out = new StringBuilder(template.length() + 16);
        int i = 0;
        int n = template.length();
        while (i < n) {
            char c = template.charAt(i);
            if (c != '$' || i + 1 >= n) {
                out.append(c);
                i++;
                continue;
            }
            char next = template.charAt(i + 1);
            if (next == '$') {
                out.append('$');
                i += 2;
                continue;
            }
            String name;
            int end;
            if (next == '{') {
                int close = template.indexOf('}', i + 2);
                name = close < 0 ? "" : template.substring(i + 2, close);
                end = close + 1;
                if (close < 0 || !isName(name)) {
                    out.append('$');
                    i++;
                    continue;
                }
            } else {
                end = i + 1;
                while (end < n && isNameChar(template.charAt(end))) {
                    end++;
                }
                name = template.substring(i + 1, end);
                if (name.isEmpty()) {
                    out.append('$');
                    i++;
                    continue;
                }
            }
            out.append(group(m, name));
            i = end;
        }
        return out.toString();
    }

    private static String group(Matcher m, String name) {
        String v;
        if (allDigits(name)) {
            int g;
            try {
                g = Integer.parseInt(name);
            } catch (NumberFormatException e) {
                return "";
            }
            v = g <= m.groupCount() ? m.group(g) : null;
        } else {
            try {
                v = m.group(name);
            } catch (IllegalArgumentException e) {
                v = null; // no group of that name: Go expands it to nothing
            }
        }
        return v == null ? "" : v;
    }

    private static boolean allDigits(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    private static boolean isName(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (!isNameChar(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isNameChar(char c) {
        return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }
}
