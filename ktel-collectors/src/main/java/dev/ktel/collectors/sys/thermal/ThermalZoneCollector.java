package dev.ktel.collectors.sys.thermal;

import dev.ktel.collectors.Collector;
import dev.ktel.collectors.CollectorContext;
import dev.ktel.collectors.CollectorFactory;
import dev.ktel.collectors.CollectorUnavailableException;
import dev.ktel.core.io.ProcFile;
import dev.ktel.core.metric.MetricFamily;
import dev.ktel.core.metric.MetricSink;
import dev.ktel.core.text.ParseErrors;
import dev.ktel.core.text.ProcParseException;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * node_thermal_zone_temp and node_cooling_device_{cur,max}_state from /sys/class/thermal (see
 * <a href="https://www.kernel.org/doc/Documentation/ABI/testing/sysfs-class-thermal">sysfs-class-thermal</a>),
 * as node_exporter's thermal_zone collector. The directory is re-listed on each collection; each zone's
 * {@code type} is read once, its {@code temp} (millidegrees Celsius) every time.
 */
public final class ThermalZoneCollector implements Collector {
    static final MetricFamily ZONE_TEMP = MetricFamily.gauge("node_thermal_zone_temp", "Zone temperature in Celsius",
            "zone", "type");
    static final MetricFamily COOLING_CUR = MetricFamily.gauge("node_cooling_device_cur_state",
            "Current throttle state of the cooling device", "name", "type");
    static final MetricFamily COOLING_MAX = MetricFamily.gauge("node_cooling_device_max_state",
            "Maximum throttle state of the cooling device", "name", "type");

    /** One thermal_zoneN or cooling_deviceN directory. */
    private static final class Entry {
        final String name;
        final String type;
        final ProcFile first;
        final ProcFile second;
        double value1 = Double.NaN;
        double value2 = Double.NaN;

        Entry(String name, String type, ProcFile first, ProcFile second) {
            this.name = name;
            this.type = type;
            this.first = first;
            this.second = second;
        }

        void close() {
            first.close();
            if (second != null) {
                second.close();
            }
        }
    }

    private final Path dir;
    private final ParseErrors errors;
    private final Map<String, Entry> entries = new HashMap<>();
    private final List<Entry> zones = new ArrayList<>();
    private final List<Entry> coolers = new ArrayList<>();

    ThermalZoneCollector(Path dir, ParseErrors errors) {
        this.dir = dir;
        this.errors = errors;
    }

    @Override
    public void collect(MetricSink sink) throws Exception {
        zones.clear();
        coolers.clear();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path p : ds) {
                String f = p.getFileName().toString();
                boolean zone = isNumbered(f, "thermal_zone");
                if (!zone && !isNumbered(f, "cooling_device")) {
                    continue;
                }
                Entry e = entries.get(f);
                if (e == null) {
                    e = open(p, f, zone);
                    if (e == null) {
                        continue;
                    }
                    entries.put(f, e);
                }
                (zone ? zones : coolers).add(e);
            }
        }
        zones.sort((a, b) -> a.name.compareTo(b.name));
        coolers.sort((a, b) -> a.name.compareTo(b.name));
        if (entries.size() > zones.size() + coolers.size()) {
            entries.values().removeIf(e -> {
                boolean gone = !zones.contains(e) && !coolers.contains(e);
                if (gone) {
                    e.close();
                }
                return gone;
            });
        }
        for (Entry z : zones) {
            // A zone whose sensor is off answers EINVAL/ENODATA: no sample rather than a fake 0.
            z.value1 = read(z.first, false) / 1000.0;
        }
        for (Entry c : coolers) {
            c.value1 = read(c.first, true);
            c.value2 = read(c.second, true);
        }
        write(sink, ZONE_TEMP, zones, false);
        write(sink, COOLING_CUR, coolers, false);
        write(sink, COOLING_MAX, coolers, true);
    }

    private static void write(MetricSink sink, MetricFamily family, List<Entry> list, boolean second) {
        boolean announced = false;
        for (Entry e : list) {
            double v = second ? e.value2 : e.value1;
            if (Double.isNaN(v)) {
                continue;
            }
            if (!announced) {
                sink.family(family);
                announced = true;
            }
            sink.sample(e.name, e.type, v);
        }
    }

    private double read(ProcFile f, boolean report) {
        try {
            return f.readLong();
        } catch (ProcParseException e) {
            errors.report(e);
        } catch (IOException e) {
            if (report) {
                errors.report(new ProcParseException(f.name(), 1, "value", "cannot read: " + e.getMessage(), null));
            }
        }
        return Double.NaN;
    }

    private Entry open(Path p, String dirName, boolean zone) {
        String name = dirName.substring(zone ? "thermal_zone".length() : "cooling_device".length());
        String type;
        try {
            type = ProcFile.readString(p.resolve("type"));
        } catch (IOException e) {
            return null; // not (yet) a complete zone
        }
        return zone ? new Entry(name, type, new ProcFile(p.resolve("temp"), 32), null)
                : new Entry(name, type, new ProcFile(p.resolve("cur_state"), 32),
                        new ProcFile(p.resolve("max_state"), 32));
    }

    static boolean isNumbered(String name, String prefix) {
        if (!name.startsWith(prefix) || name.length() == prefix.length()) {
            return false;
        }
        char c = name.charAt(prefix.length());
        return c >= '0' && c <= '9';
    }

    @Override
    public void close() {
        entries.values().forEach(Entry::close);
        entries.clear();
    }

    /** Registered in META-INF/services. */
    public static final class Factory implements CollectorFactory {
        @Override
        public String name() {
            return "thermal_zone";
        }

        @Override
        public String description() {
            return "Thermal zone temperatures and cooling device states from /sys/class/thermal.";
        }

        @Override
        public Collector create(CollectorContext ctx) throws CollectorUnavailableException {
            Path dir = ctx.requireFile(ctx.paths().sys("class/thermal"), "kernel without CONFIG_THERMAL");
            boolean any = false;
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
                for (Path p : ds) {
                    String f = p.getFileName().toString();
                    any |= isNumbered(f, "thermal_zone") || isNumbered(f, "cooling_device");
                }
            } catch (IOException e) {
                throw new CollectorUnavailableException(dir + " cannot be listed: " + e.getMessage());
            }
            if (!any) {
                throw new CollectorUnavailableException(dir + " has no thermal zones or cooling devices"
                        + " (no ACPI/platform thermal driver, e.g. in a virtual machine)");
            }
            return new ThermalZoneCollector(dir, ctx.errors());
        }
    }
}
