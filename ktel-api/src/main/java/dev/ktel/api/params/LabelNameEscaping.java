package dev.ktel.api.params;

/**
 * Prometheus 3's value-encoding escape for label names in URL paths ({@code /api/v1/label/NAME/values}):
 * a name that is not a legacy identifier is sent as {@code U__} followed by the name with {@code _} doubled
 * and every other non-identifier character as {@code _<hex code point>_} (e.g. {@code U__a_2e_b} for
 * {@code a.b}). Grafana escapes UTF-8 names this way. An invalid escape leaves the name as given, as
 * Prometheus does.
 */
public final class LabelNameEscaping {
    private LabelNameEscaping() {
    }

    public static String unescape(String name) {
        if (!name.startsWith("U__")) {
            return name;
        }
        String s = name.substring(3);
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '_') {
                out.append(c);
                continue;
            }
            i++;
            if (i >= s.length()) {
                return name;
            }
            if (s.charAt(i) == '_') {
                out.append('_');
                continue;
            }
            int cp = 0;
            int digits = 0;
            while (true) {
                if (i >= s.length() || digits >= 6) {
                    return name;
                }
                char h = s.charAt(i);
                if (h == '_') {
                    break;
                }
                int d = h >= '0' && h <= '9' ? h - '0' : h >= 'a' && h <= 'f' ? h - 'a' + 10
                    : h >= 'A' && h <= 'F' ? h - 'A' + 10 : -1;
                if (d < 0) {
                    return name;
                }
                cp = cp * 16 + d;
                digits++;
                i++;
            }
            if (!Character.isValidCodePoint(cp) || (cp >= 0xD800 && cp <= 0xDFFF)) {
                return name;
            }
            out.appendCodePoint(cp);
        }
        return out.toString();
    }
}
