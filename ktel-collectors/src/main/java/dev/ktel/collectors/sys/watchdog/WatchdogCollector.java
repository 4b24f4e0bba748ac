package dev.ktel.collectors.sys.watchdog;

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
import dev.ktel.core.text.StringCache;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Watchdog timers from {@code /sys/class/watchdog/<watchdog>/*} (see
 * <a href="https://docs.kernel.org/ABI/testing/sysfs-class-watchdog.html">sysfs-class-watchdog</a>), as
 * node_exporter's watchdog collector: one gauge per numeric attribute and node_watchdog_info with the text
 * attributes ("" when absent).
 */
public final class WatchdogCollector implements Collector {
    /** Numeric attributes and their families. */
    static final String[] NUMERIC = {"bootstatus", "fw_version", "nowayout", "timeleft", "timeout", "pretimeout",
        "access_cs0"};
    static final MetricFamily[] NUMERIC_FAMILIES = {
        family("bootstatus", "bootstatus"), family("fw_version", "fw_version"), family("nowayout", "nowayout"),
        family("timeleft_seconds", "timeleft"), family("timeout_seconds", "timeout"),
        family("pretimeout_seconds", "pretimeout"), family("access_cs0", "access_cs0"),
    };
    /** Text attributes, in the info family's label order after {@code name}. */
    static final String[] TEXT = {"options", "identity", "state", "status", "pretimeout_governor"};
    static final MetricFamily INFO = MetricFamily.gauge("node_watchdog_info", "Info of /sys/class/watchdog/<watchdog>",
            "name", "options", "identity", "state", "status", "pretimeout_governor");

    private static MetricFamily family(String name, String attr) {
        return MetricFamily.gauge("node_watchdog_" + name, "Value of /sys/class/watchdog/<watchdog>/" + attr, "name");
    }

    /** One watchdog's kept-open attribute files (null when absent) and last values. */
    private static final class Device {
        final String name;
        final ProcFile[] numericFiles = new ProcFile[NUMERIC.length];
        final ProcFile[] textFiles = new ProcFile[TEXT.length];
        final double[] values = new double[NUMERIC.length];
        final String[] info = new String[1 + TEXT.length];

        Device(String name) {
            this.name = name;
            info[0] = name;
        }
    }

    private final Path dir;
    private final ParseErrors errors;
    private final StringCache cache = new StringCache(64);
    private final Map<String, Device> devices = new HashMap<>();
    private final List<String> names = new ArrayList<>();
    private final List<String> entries = new ArrayList<>();

    WatchdogCollector(Path dir, ParseErrors errors) {
        this.dir = dir;
        this.errors = errors;
    }

    @Override
    public void collect(MetricSink sink) throws IOException {
        names.clear();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path p : ds) {
                names.add(p.getFileName().toString());
            }
        }
        Collections.sort(names);
        devices.values().removeIf(d -> {
            boolean gone = !names.contains(d.name);
            if (gone) {
                close(d);
            }
            return gone;
        });
        for (String name : names) {
            read(devices.computeIfAbsent(name, Device::new));
        }
        for (int a = 0; a < NUMERIC.length; a++) {
            boolean announced = false;
            for (String name : names) {
                Device d = devices.get(name);
                if (!Double.isNaN(d.values[a])) {
                    if (!announced) {
                        sink.family(NUMERIC_FAMILIES[a]);
                        announced = true;
                    }
                    sink.sample(d.name, d.values[a]);
                }
            }
        }
        if (!names.isEmpty()) {
            sink.family(INFO);
            for (String name : names) {
                sink.sample(devices.get(name).info, 1);
            }
        }
    }

    private void read(Device d) throws IOException {
        Path wd = dir.resolve(d.name);
        entries.clear();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(wd)) {
            for (Path p : ds) {
                entries.add(p.getFileName().toString());
            }
        } catch (IOException e) {
            // vanished between listings: report it without attributes
        }
        Arrays.fill(d.values, Double.NaN);
        for (int a = 0; a < NUMERIC.length; a++) {
            if (!entries.contains(NUMERIC[a])) {
                continue;
            }
            if (d.numericFiles[a] == null) {
                d.numericFiles[a] = new ProcFile(wd.resolve(NUMERIC[a]), 64);
            }
            ProcFile f = d.numericFiles[a];
            try {
                int n = f.read();
                d.values[a] = SysfsValue.integer(f.name(), f.bytes(), n);
            } catch (ProcParseException e) {
                errors.report(e);
            } catch (IOException e) {
                // the driver does not implement it (EOPNOTSUPP, EINVAL): absent
            }
        }
        for (int t = 0; t < TEXT.length; t++) {
            d.info[1 + t] = "";
            if (!entries.contains(TEXT[t])) {
                continue;
            }
            if (d.textFiles[t] == null) {
                d.textFiles[t] = new ProcFile(wd.resolve(TEXT[t]), 128);
            }
            ProcFile f = d.textFiles[t];
            try {
                int n = f.read();
                d.info[1 + t] = SysfsValue.text(f.bytes(), n, cache);
            } catch (IOException e) {
                // absent for this driver
            }
        }
    }

    @Override
    public void close() {
        for (Device d : devices.values()) {
            close(d);
        }
    }

    private static void close(Device d) {
        {
            for (ProcFile f : d.numericFiles) {
                if (f != null) {
                    f.close();
                }
            }
            for (ProcFile f : d.textFiles) {
                if (f != null) {
                    f.close();
                }
            }
        }
    }

    /** Registered in META-INF/services. */
    public static final class Factory implements CollectorFactory {
        @Override
        public String name() {
            return "watchdog";
        }

        @Override
        public String description() {
            return "Watchdog timer state from /sys/class/watchdog.";
        }

        @Override
        public Collector create(CollectorContext ctx) throws CollectorUnavailableException {
            Path dir = ctx.requireFile(ctx.paths().sys("class/watchdog"), "kernel without watchdog core");
            return new WatchdogCollector(dir, ctx.errors());
        }
    }
}
