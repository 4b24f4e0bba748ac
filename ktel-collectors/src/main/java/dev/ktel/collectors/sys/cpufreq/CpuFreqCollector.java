package dev.ktel.collectors.sys.cpufreq;

import dev.ktel.collectors.Collector;
import dev.ktel.collectors.CollectorContext;
import dev.ktel.collectors.CollectorFactory;
import dev.ktel.collectors.CollectorUnavailableException;
import dev.ktel.core.io.ProcFile;
import dev.ktel.core.metric.MetricFamily;
import dev.ktel.core.metric.MetricSink;
import dev.ktel.core.text.ParseErrors;
import dev.ktel.core.text.ProcParseException;
import dev.ktel.core.text.StringCache;
import dev.ktel.core.text.TextScanner;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * node_cpu_frequency_* and node_cpu_scaling_* from /sys/devices/system/cpu/cpuN/cpufreq (see
 * <a href="https://www.kernel.org/doc/html/latest/admin-guide/pm/cpufreq.html">CPU performance scaling</a>),
 * as node_exporter's cpufreq collector: kHz files converted to hertz, offline CPUs skipped, a file that is
 * absent or unreadable (cpuinfo_cur_freq is root-only) gives no series.
 */
public final class CpuFreqCollector implements Collector {
    /** kHz attribute files, in the order of {@link #FAMILIES}. */
    static final String[] FILES = {"cpuinfo_cur_freq", "cpuinfo_avg_freq", "cpuinfo_min_freq", "cpuinfo_max_freq",
        "scaling_cur_freq", "scaling_min_freq", "scaling_max_freq"};
    static final MetricFamily[] FAMILIES = {
        MetricFamily.gauge("node_cpu_frequency_hertz", "Current CPU thread frequency in hertz.", "cpu"),
        MetricFamily.gauge("node_cpu_frequency_avg_hertz", "Average CPU thread frequency in hertz.", "cpu"),
        MetricFamily.gauge("node_cpu_frequency_min_hertz", "Minimum CPU thread frequency in hertz.", "cpu"),
        MetricFamily.gauge("node_cpu_frequency_max_hertz", "Maximum CPU thread frequency in hertz.", "cpu"),
        MetricFamily.gauge("node_cpu_scaling_frequency_hertz", "Current scaled CPU thread frequency in hertz.", "cpu"),
        MetricFamily.gauge("node_cpu_scaling_frequency_min_hertz", "Minimum scaled CPU thread frequency in hertz.",
                "cpu"),
        MetricFamily.gauge("node_cpu_scaling_frequency_max_hertz", "Maximum scaled CPU thread frequency in hertz.",
                "cpu"),
    };
    static final MetricFamily GOVERNOR = MetricFamily.gauge("node_cpu_scaling_governor",
            "Current enabled CPU frequency governor.", "cpu", "governor");

    /** One CPU's cpufreq directory. */
    private static final class Cpu {
        final int number;
        final String name;
        final ProcFile[] files = new ProcFile[FILES.length];
        final double[] values = new double[FILES.length];
        final ProcFile governor;
        final ProcFile available;
        String current;
        String[] governors = new String[8];
        int governorCount;

        Cpu(int number, Path dir) {
            this.number = number;
            this.name = Integer.toString(number);
            for (int i = 0; i < FILES.length; i++) {
                Path p = dir.resolve(FILES[i]);
                files[i] = Files.isReadable(p) ? new ProcFile(p, 32) : null;
            }
            Path g = dir.resolve("scaling_governor");
            governor = Files.isReadable(g) ? new ProcFile(g, 64) : null;
            available = governor == null ? null : new ProcFile(dir.resolve("scaling_available_governors"), 256);
        }

        void close() {
            for (ProcFile f : files) {
                if (f != null) {
                    f.close();
                }
            }
            if (governor != null) {
                governor.close();
                available.close();
            }
        }
    }

    private final Path cpuDir;
    private final ProcFile offline;
    private final ParseErrors errors;
    private final CpuRangeParser offlineParser = new CpuRangeParser();
    private final TextScanner scanner = new TextScanner();
    private final StringCache strings = new StringCache(64);
    private final Map<String, Cpu> cpus = new HashMap<>();
    private final List<Cpu> current = new ArrayList<>();

    CpuFreqCollector(Path cpuDir, ParseErrors errors) {
        this.cpuDir = cpuDir;
        Path off = cpuDir.resolve("offline");
        this.offline = Files.exists(off) ? new ProcFile(off, 256) : null;
        this.errors = errors;
    }

    @Override
    public void collect(MetricSink sink) throws Exception {
        if (offline != null) {
            int n = offline.read();
            try {
                offlineParser.parse(offline.name(), offline.bytes(), n);
            } catch (ProcParseException e) {
                errors.report(e);
            }
        }
        current.clear();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(cpuDir, "cpu[0-9]*")) {
            for (Path p : ds) {
                String f = p.getFileName().toString();
                int number = cpuNumber(f);
                if (number < 0 || offlineParser.contains(number)) {
                    continue;
                }
                Cpu c = cpus.get(f);
                if (c == null) {
                    Path freq = p.resolve("cpufreq");
                    if (!Files.isDirectory(freq)) {
                        continue;
                    }
                    c = new Cpu(number, freq);
                    cpus.put(f, c);
                }
                read(c);
                current.add(c);
            }
        }
        current.sort((a, b) -> Integer.compare(a.number, b.number));
        for (int k = 0; k < FILES.length; k++) {
            boolean announced = false;
            for (Cpu c : current) {
                if (Double.isNaN(c.values[k])) {
                    continue;
                }
                if (!announced) {
                    sink.family(FAMILIES[k]);
                    announced = true;
                }
                sink.sample(c.name, c.values[k] * 1000.0);
            }
        }
        boolean announced = false;
        for (Cpu c : current) {
            if (c.current == null || c.current.isEmpty()) {
                continue;
            }
            if (!announced) {
                sink.family(GOVERNOR);
                announced = true;
            }
            for (int g = 0; g < c.governorCount; g++) {
                sink.sample(c.name, c.governors[g], c.governors[g].equals(c.current) ? 1 : 0);
            }
        }
    }

    private void read(Cpu c) {
        for (int i = 0; i < FILES.length; i++) {
            c.values[i] = Double.NaN;
            if (c.files[i] == null) {
                continue;
            }
            try {
                c.values[i] = c.files[i].readLong();
            } catch (ProcParseException e) {
                errors.report(e);
            } catch (IOException e) {
                // e.g. the CPU went offline between listing and reading
            }
        }
        c.current = null;
        c.governorCount = 0;
        if (c.governor == null) {
            return;
        }
        try {
            int n = c.governor.read();
            scanner.reset(c.governor.name(), c.governor.bytes(), n);
            c.current = scanner.nextLine() && scanner.fieldCount() > 0 ? scanner.string(0, strings) : "";
            n = c.available.read();
            scanner.reset(c.available.name(), c.available.bytes(), n);
            if (scanner.nextLine()) {
                for (int f = 0; f < scanner.fieldCount(); f++) {
                    if (c.governorCount == c.governors.length) {
                        c.governors = java.util.Arrays.copyOf(c.governors, c.governorCount * 2);
                    }
                    c.governors[c.governorCount++] = scanner.string(f, strings);
                }
            }
        } catch (IOException e) {
            c.current = null;
        }
    }

    static int cpuNumber(String dirName) {
        if (dirName.length() <= 3 || !dirName.startsWith("cpu")) {
            return -1;
        }
        int n = 0;
        for (int i = 3; i < dirName.length(); i++) {
            char ch = dirName.charAt(i);
            if (ch < '0' || ch > '9' || n > 1 << 20) {
                return -1;
            }
            n = n * 10 + (ch - '0');
        }
        return n;
    }

    @Override
    public void close() {
        if (offline != null) {
            offline.close();
        }
        cpus.values().forEach(Cpu::close);
        cpus.clear();
    }

    /** Registered in META-INF/services. */
    public static final class Factory implements CollectorFactory {
        @Override
        public String name() {
            return "cpufreq";
        }

        @Override
        public String description() {
            return "CPU frequency scaling from /sys/devices/system/cpu/cpu*/cpufreq.";
        }

        @Override
        public Collector create(CollectorContext ctx) throws CollectorUnavailableException {
            Path dir = ctx.requireFile(ctx.paths().sys("devices/system/cpu"), null);
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "cpu[0-9]*")) {
                for (Path p : ds) {
                    if (Files.isDirectory(p.resolve("cpufreq"))) {
                        return new CpuFreqCollector(dir, ctx.errors());
                    }
                }
            } catch (IOException e) {
                throw new CollectorUnavailableException(dir + " cannot be listed: " + e.getMessage());
            }
            throw new CollectorUnavailableException("no " + dir + "/cpu*/cpufreq directory"
                    + " (no CPU frequency scaling driver, e.g. in a virtual machine)");
        }
    }
}
