package dev.ktel.collectors.sys.edac;

import dev.ktel.collectors.Collector;
import dev.ktel.collectors.CollectorContext;
import dev.ktel.collectors.CollectorFactory;
import dev.ktel.collectors.CollectorUnavailableException;
import dev.ktel.collectors.sys.SysfsValue;
import dev.ktel.core.io.ProcFile;
import dev.ktel.core.metric.MetricFamily;
import dev.ktel.core.metric.MetricSink;
import dev.ktel.core.text.ParseErrors;
import dev.ktel.core.text.ProcParseException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Memory error counters of the EDAC memory controllers, {@code /sys/devices/system/edac/mc/mc<N>/} and their
 * {@code csrow<M>/} rows (see <a href="https://docs.kernel.org/admin-guide/ras.html">RAS / EDAC</a>), as
 * node_exporter's edac collector. The per-controller "noinfo" counts appear as {@code csrow="unknown"}.
 */
public final class EdacCollector implements Collector {
    static final MetricFamily CE = MetricFamily.counter("node_edac_correctable_errors_total",
            "Total correctable memory errors.", "controller");
    static final MetricFamily UE = MetricFamily.counter("node_edac_uncorrectable_errors_total",
            "Total uncorrectable memory errors.", "controller");
    static final MetricFamily CSROW_CE = MetricFamily.counter("node_edac_csrow_correctable_errors_total",
            "Total correctable memory errors for this csrow.", "controller", "csrow");
    static final MetricFamily CSROW_UE = MetricFamily.counter("node_edac_csrow_uncorrectable_errors_total",
            "Total uncorrectable memory errors for this csrow.", "controller", "csrow");
    static final MetricFamily CHANNEL_CE = MetricFamily.counter("node_edac_channel_correctable_errors_total",
            "Total correctable memory errors for this channel.", "controller", "csrow", "channel", "dimm_label");
    static final MetricFamily CHANNEL_UE = MetricFamily.counter("node_edac_channel_uncorrectable_errors_total",
            "Total uncorrectable memory errors for this channel.", "controller", "csrow", "channel", "dimm_label");

    /** One output row: labels and the correctable / uncorrectable counts (NaN when unreadable). */
    private record Row(String[] labels, double ce, double ue) {
    }

    private final Path mcDir;
    private final ParseErrors errors;
    private final Map<Path, ProcFile> files = new HashMap<>();
    private final List<Row> controllers = new ArrayList<>();
    private final List<Row> csrows = new ArrayList<>();
    private final List<Row> channels = new ArrayList<>();

    EdacCollector(Path mcDir, ParseErrors errors) {
        this.mcDir = mcDir;
        this.errors = errors;
    }

    @Override
    public void collect(MetricSink sink) throws IOException {
        controllers.clear();
        csrows.clear();
        channels.clear();
        for (String mc : list(mcDir, "mc[0-9]*")) {
            Path mcPath = mcDir.resolve(mc);
            String n = mc.substring(2);
            controllers.add(new Row(new String[] {n}, count(mcPath.resolve("ce_count")),
                    count(mcPath.resolve("ue_count"))));
            csrows.add(new Row(new String[] {n, "unknown"}, count(mcPath.resolve("ce_noinfo_count")),
                    count(mcPath.resolve("ue_noinfo_count"))));
            for (String row : list(mcPath, "csrow[0-9]*")) {
                Path rowPath = mcPath.resolve(row);
                String r = row.substring(5);
                csrows.add(new Row(new String[] {n, r}, count(rowPath.resolve("ce_count")),
                        count(rowPath.resolve("ue_count"))));
                for (String chFile : list(rowPath, "ch[0-9]*_ce_count")) {
                    String ch = chFile.substring(2, chFile.length() - "_ce_count".length());
                    if (!isDigits(ch)) {
                        continue;
                    }
                    Path ue = rowPath.resolve("ch" + ch + "_ue_count");
                    channels.add(new Row(new String[] {n, r, ch, dimmLabel(rowPath, ch)},
                            count(rowPath.resolve(chFile)), Files.exists(ue) ? count(ue) : Double.NaN));
                }
            }
        }
        emit(sink, CE, controllers, true);
        emit(sink, UE, controllers, false);
        emit(sink, CSROW_CE, csrows, true);
        emit(sink, CSROW_UE, csrows, false);
        emit(sink, CHANNEL_CE, channels, true);
        emit(sink, CHANNEL_UE, channels, false);
    }

    private static void emit(MetricSink sink, MetricFamily f, List<Row> rows, boolean ce) {
        boolean announced = false;
        for (Row row : rows) {
            double v = ce ? row.ce : row.ue;
            if (Double.isNaN(v)) {
                continue;
            }
            if (!announced) {
                sink.family(f);
                announced = true;
            }
            sink.sample(row.labels, v);
        }
    }

    private double count(Path p) {
        ProcFile f = files.computeIfAbsent(p, x -> new ProcFile(x, 32));
        try {
            int n = f.read();
            return SysfsValue.unsigned(f.name(), f.bytes(), n);
        } catch (ProcParseException e) {
            errors.report(e);
        } catch (NoSuchFileException e) {
            files.remove(p);
            errors.report(new ProcParseException(f.name(), 0, "file", "missing", null));
        } catch (IOException e) {
            errors.report(new ProcParseException(f.name(), 0, "file", "unreadable: " + e.getMessage(), null));
        }
        return Double.NaN;
    }

    /** ch<N>_dimm_label with node_exporter's rewriting ("mc#0csrow#1channel#0" becomes mc0_csrow1_channel0). */
    private String dimmLabel(Path row, String ch) {
        Path p = row.resolve("ch" + ch + "_dimm_label");
        if (!Files.exists(p)) {
            return "unknown";
        }
        ProcFile f = files.computeIfAbsent(p, x -> new ProcFile(x, 64));
        try {
            int n = f.read();
            return dimmLabel(new String(f.bytes(), 0, n, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return "unknown";
        }
    }

    static String dimmLabel(String raw) {
        return raw.strip().replace("#", "").replace("csrow", "_csrow").replace("channel", "_channel");
    }

    private static boolean isDigits(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    private static List<String> list(Path dir, String glob) throws IOException {
        List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, glob)) {
            for (Path p : ds) {
                names.add(p.getFileName().toString());
            }
        } catch (NoSuchFileException e) {
            return names;
        }
        Collections.sort(names);
        return names;
    }

    @Override
    public void close() {
        for (ProcFile f : files.values()) {
            f.close();
        }
    }

    /** Registered in META-INF/services. */
    public static final class Factory implements CollectorFactory {
        @Override
        public String name() {
            return "edac";
        }

        @Override
        public String description() {
            return "Correctable and uncorrectable memory errors from /sys/devices/system/edac/mc.";
        }

        @Override
        public Collector create(CollectorContext ctx) throws CollectorUnavailableException {
            Path dir = ctx.requireFile(ctx.paths().sys("devices/system/edac/mc"),
                    "no EDAC memory controller driver loaded");
            return new EdacCollector(dir, ctx.errors());
        }
    }
}
