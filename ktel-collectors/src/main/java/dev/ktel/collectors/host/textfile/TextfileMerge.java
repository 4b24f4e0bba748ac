package dev.ktel.collectors.host.textfile;

import dev.ktel.core.metric.MetricFamily;
import dev.ktel.core.metric.MetricSink;
import dev.ktel.core.metric.MetricType;
import dev.ktel.core.text.ParseErrors;
import dev.ktel.core.text.ProcParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Merges the families of all textfiles into one output that writes each family once (the sink contract),
 * as node_exporter's registry does: same-name families from several files are joined; a family whose HELP or
 * TYPE contradicts an earlier file's, or a series already written, is dropped and counts as an error. Label
 * sets may differ between samples; missing labels are written as "" (the same series in Prometheus).
 * Summaries are written as three untyped families ({@code name{quantile}}, {@code name_sum},
 * {@code name_count}) because the sink has no summary type. Built only when a file changed.
 */
final class TextfileMerge {

    /** One parsed file (families, or the error that rejected it). */
    record ParsedFile(String path, List<TextFamily> families, ProcParseException error) {
    }

    /** Prepared output; {@link #emit} allocates nothing but the sink's own work. */
    static final class Output {
        final List<Prepared> families = new ArrayList<>();
        boolean errored;

        void emit(MetricSink sink) {
            for (Prepared p : families) {
                p.emit(sink);
            }
        }
    }

    static final class Prepared {
        final MetricFamily family;
        final String[][] labels;
        final double[] values;
        double[][] bounds;
        long[][] cumulative;
        long[] counts;

        Prepared(MetricFamily family, String[][] labels, double[] values) {
            this.family = family;
            this.labels = labels;
            this.values = values;
        }

        void emit(MetricSink sink) {
            sink.family(family);
            for (int i = 0; i < labels.length; i++) {
                if (bounds != null) {
                    sink.histogram(labels[i], bounds[i], cumulative[i], counts[i], values[i]);
                } else {
                    sink.sample(labels[i], values[i]);
                }
            }
        }
    }

    private static final class Acc {
        final String name;
        final MetricType type;
        String help;
        final List<String> paths = new ArrayList<>();
        final List<TextSample> samples = new ArrayList<>();
        final List<String> samplePaths = new ArrayList<>();

        Acc(String name, MetricType type) {
            this.name = name;
            this.type = type;
        }
    }

    private TextfileMerge() {
    }

    static Output merge(List<ParsedFile> files, Set<String> reserved, ParseErrors errors) {
        Output out = new Output();
        Map<String, Acc> accs = new TreeMap<>();
        for (ParsedFile file : files) {
            if (file.error() != null) {
                out.errored = true;
                continue;
            }
            for (TextFamily f : file.families()) {
                if (f.samples.isEmpty()) {
                    continue; // only HELP/TYPE: node_exporter writes nothing for it
                }
                if (f.type == MetricType.SUMMARY) {
                    // flattened: the parts must not clash with real families
                    add(out, accs, file.path(), f, f.name, "", MetricType.UNTYPED, reserved, errors);
                    add(out, accs, file.path(), f, f.name + "_sum", "_sum", MetricType.UNTYPED, reserved, errors);
                    add(out, accs, file.path(), f, f.name + "_count", "_count", MetricType.UNTYPED, reserved,
                            errors);
                } else {
                    add(out, accs, file.path(), f, f.name, null, f.type, reserved, errors);
                }
            }
        }
        for (Acc acc : accs.values()) {
            if (acc.samples.isEmpty()) {
                continue;
            }
            String help = acc.help != null ? acc.help : "Metric read from " + String.join(", ", acc.paths);
            Prepared p = acc.type == MetricType.HISTOGRAM ? histogram(acc, help, out, errors)
                    : plain(acc, help, out, errors);
            if (p != null) {
                out.families.add(p);
            }
        }
        return out;
    }

    private static void add(Output out, Map<String, Acc> accs, String path, TextFamily f, String name,
            String onlySuffix, MetricType type, Set<String> reserved, ParseErrors errors) {
        if (reserved.contains(name)) {
            out.errored = true;
            errors.report(new ProcParseException(path, f.line, "metric name",
                    "name is reserved for the textfile collector's own metrics", name));
            return;
        }
        Acc acc = accs.get(name);
        if (acc == null) {
            acc = new Acc(name, type);
            accs.put(name, acc);
        } else if (acc.type != type) {
            out.errored = true;
            errors.report(new ProcParseException(path, f.line, "TYPE", "inconsistent type with "
                    + acc.paths.getFirst() + " (" + acc.type.textName() + "), family skipped", type.textName()));
            return;
        } else if (f.help != null && acc.help != null && !acc.help.equals(f.help)) {
            out.errored = true;
            errors.report(new ProcParseException(path, f.line, "HELP", "inconsistent help text with "
                    + acc.paths.getFirst() + ", family skipped", f.help));
            return;
        }
        if (acc.help == null && f.help != null && onlySuffix == null) {
            acc.help = f.help;
        }
        if (!acc.paths.contains(path)) {
            acc.paths.add(path);
        }
        for (TextSample s : f.samples) {
            if (onlySuffix == null || s.suffix().equals(onlySuffix)) {
                acc.samples.add(s);
                acc.samplePaths.add(path);
            }
        }
    }

    private static String[] labelNames(Acc acc, String excluded) {
        TreeSet<String> names = new TreeSet<>();
        for (TextSample s : acc.samples) {
            names.addAll(Arrays.asList(s.labelNames()));
        }
        if (excluded != null) {
            names.remove(excluded);
        }
        return names.toArray(String[]::new);
    }

    private static String[] values(TextSample s, String[] names) {
        String[] v = new String[names.length];
        for (int i = 0; i < names.length; i++) {
            String x = s.label(names[i]);
            v[i] = x == null ? "" : x;
        }
        return v;
    }

    private static MetricFamily family(Acc acc, String help, String[] names, Output out, ParseErrors errors) {
        try {
            return MetricFamily.of(acc.name, acc.type, help, names);
        } catch (IllegalArgumentException e) {
            out.errored = true;
            errors.report(new ProcParseException(acc.paths.getFirst(), acc.samples.getFirst().line(), "family",
                    e.getMessage(), acc.name));
            return null;
        }
    }

    private static Prepared plain(Acc acc, String help, Output out, ParseErrors errors) {
        String[] names = labelNames(acc, null);
        MetricFamily family = family(acc, help, names, out, errors);
        if (family == null) {
            return null;
        }
        List<String[]> rows = new ArrayList<>();
        List<Double> vals = new ArrayList<>();
        Set<List<String>> seen = new HashSet<>();
        for (int i = 0; i < acc.samples.size(); i++) {
            TextSample s = acc.samples.get(i);
            String[] v = values(s, names);
            if (!seen.add(List.of(v))) {
                out.errored = true;
                errors.report(new ProcParseException(acc.samplePaths.get(i), s.line(), "series",
                        "duplicate series of " + acc.name + ", skipped", String.join(",", v)));
                continue;
            }
            rows.add(v);
            vals.add(s.value());
        }
        double[] values = new double[vals.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = vals.get(i);
        }
        return new Prepared(family, rows.toArray(String[][]::new), values);
    }

    private static final class Hist {
        final String[] labels;
        final TreeMap<Double, Double> buckets = new TreeMap<>();
        double sum;
        double count = Double.NaN;

        Hist(String[] labels) {
            this.labels = labels;
        }
    }

    private static Prepared histogram(Acc acc, String help, Output out, ParseErrors errors) {
        String[] names = labelNames(acc, "le");
        MetricFamily family = family(acc, help, names, out, errors);
        if (family == null) {
            return null;
        }
        Map<List<String>, Hist> groups = new LinkedHashMap<>();
        for (int i = 0; i < acc.samples.size(); i++) {
            TextSample s = acc.samples.get(i);
            String[] v = values(s, names);
            Hist h = groups.computeIfAbsent(List.of(v), k -> new Hist(v));
            switch (s.suffix()) {
                case "_bucket" -> {
                    double le;
                    try {
                        le = parseLe(s.label("le"));
                    } catch (NumberFormatException e) {
                        out.errored = true;
                        errors.report(new ProcParseException(acc.samplePaths.get(i), s.line(), "label le",
                                "expected number", s.label("le")));
                        continue;
                    }
                    h.buckets.put(le, s.value());
                }
                case "_sum" -> h.sum = s.value();
                case "_count" -> h.count = s.value();
                default -> {
                }
            }
        }
        int n = groups.size();
        String[][] labels = new String[n][];
        double[] sums = new double[n];
        double[][] bounds = new double[n][];
        long[][] cumulative = new long[n][];
        long[] counts = new long[n];
        int g = 0;
        for (Hist h : groups.values()) {
            labels[g] = h.labels;
            sums[g] = h.sum;
            Double inf = h.buckets.remove(Double.POSITIVE_INFINITY);
            double count = !Double.isNaN(h.count) ? h.count : inf != null ? inf : 0;
            bounds[g] = new double[h.buckets.size()];
            cumulative[g] = new long[h.buckets.size()];
            int k = 0;
            for (Map.Entry<Double, Double> e : h.buckets.entrySet()) {
                bounds[g][k] = e.getKey();
                cumulative[g][k] = (long) e.getValue().doubleValue();
                k++;
            }
            counts[g] = (long) count;
            g++;
        }
        Prepared p = new Prepared(family, labels, sums);
        p.bounds = bounds;
        p.cumulative = cumulative;
        p.counts = counts;
        return p;
    }

    private static double parseLe(String le) {
        return switch (le) {
            case "+Inf", "Inf", "inf", "+inf" -> Double.POSITIVE_INFINITY;
            default -> Double.parseDouble(le);
        };
    }
}
