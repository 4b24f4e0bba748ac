package dev.ktel.agent.compat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A plain parser of Prometheus text format 0.0.4 for tests: families with type, help and samples. */
public final class Exposition {

    public record Sample(String name, Map<String, String> labels, double value) {
        /** Identity of the series: name plus sorted labels; an empty label value is no label (Prometheus). */
        public String key() {
            TreeMap<String, String> set = new TreeMap<>(labels);
            set.values().removeIf(String::isEmpty);
            return name + set;
        }
    }

    public record Family(String name, String type, String help, List<Sample> samples) {
    }

    private final Map<String, Family> families = new LinkedHashMap<>();

    public static Exposition parse(String text) {
        Exposition e = new Exposition();
        Map<String, String> types = new LinkedHashMap<>();
        Map<String, String> helps = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            if (line.startsWith("# TYPE ")) {
                String[] p = line.substring(7).split(" ", 2);
                types.put(p[0], p[1]);
            } else if (line.startsWith("# HELP ")) {
                String[] p = line.substring(7).split(" ", 2);
                helps.put(p[0], p.length > 1 ? p[1] : "");
            } else if (!line.startsWith("#") && !line.isBlank()) {
                Sample s = parseSample(line);
                String fam = familyOf(s.name(), types);
                e.families.computeIfAbsent(fam, f -> new Family(f, types.getOrDefault(f, "untyped"),
                        helps.getOrDefault(f, ""), new ArrayList<>())).samples().add(s);
            }
        }
        types.forEach((name, type) -> e.families.putIfAbsent(name, new Family(name, type,
                helps.getOrDefault(name, ""), new ArrayList<>())));
        return e;
    }

    private static String familyOf(String name, Map<String, String> types) {
        if (types.containsKey(name)) {
            return name;
        }
        for (String suffix : new String[] {"_bucket", "_sum", "_count", "_total", "_created"}) {
            if (name.endsWith(suffix)) {
                String base = name.substring(0, name.length() - suffix.length());
                if (types.containsKey(base)) {
                    return base;
                }
            }
        }
        return name;
    }

    static Sample parseSample(String line) {
        int brace = line.indexOf('{');
        int space;
        String name;
        Map<String, String> labels = new LinkedHashMap<>();
        if (brace >= 0 && brace < line.indexOf(' ')) {
            name = line.substring(0, brace);
            int i = brace + 1;
            while (line.charAt(i) != '}') {
                int eq = line.indexOf('=', i);
                String ln = line.substring(i, eq).trim();
                StringBuilder v = new StringBuilder();
                int j = eq + 2;
                while (line.charAt(j) != '"') {
                    char c = line.charAt(j);
                    if (c == '\\') {
                        char n = line.charAt(++j);
                        v.append(n == 'n' ? '\n' : n);
                    } else {
                        v.append(c);
                    }
                    j++;
                }
                labels.put(ln, v.toString());
                i = j + 1;
                if (line.charAt(i) == ',') {
                    i++;
                }
            }
            space = line.indexOf(' ', i);
        } else {
            space = line.indexOf(' ');
            name = line.substring(0, space);
        }
        String rest = line.substring(space + 1).trim().split(" ")[0];
        double value = switch (rest) {
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            case "NaN" -> Double.NaN;
            default -> Double.parseDouble(rest);
        };
        return new Sample(name, labels, value);
    }

    public Map<String, Family> families() {
        return families;
    }

    public Family family(String name) {
        return families.get(name);
    }
}
