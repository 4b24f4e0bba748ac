package dev.ktel.collectors.sys.hwmon;

import dev.ktel.collectors.DeviceFilter;
import dev.ktel.collectors.Collector;
import dev.ktel.collectors.CollectorContext;
import dev.ktel.collectors.CollectorFactory;
import dev.ktel.collectors.CollectorOption;
import dev.ktel.collectors.CollectorUnavailableException;
import dev.ktel.core.metric.MetricSink;
import dev.ktel.core.text.TextScanner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * node_hwmon_* from /sys/class/hwmon, as node_exporter's hwmon collector: temperatures, fans, voltages, currents,
 * power, energy, humidity, PWM and alarm attributes, with node_exporter's chip naming and unit conversions.
 * The chip directories are re-listed on every collection; when they change, the file plan is rebuilt.
 */
public final class HwmonCollector implements Collector {
    private final Path dir;
    private final DeviceFilter chipFilter;
    private final DeviceFilter sensorFilter;
    private final List<Path> listed = new ArrayList<>();
    private List<Path> planned = List.of();
    private HwmonPlan plan;

    HwmonCollector(Path dir, DeviceFilter chipFilter, DeviceFilter sensorFilter) {
        this.dir = dir;
        this.chipFilter = chipFilter;
        this.sensorFilter = sensorFilter;
    }

    @Override
    public void collect(MetricSink sink) throws Exception {
        listed.clear();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path p : ds) {
                listed.add(p);
            }
        }
        listed.sort(null);
        if (plan == null || !listed.equals(planned)) {
            if (plan != null) {
                plan.close();
            }
            plan = HwmonPlan.build(dir, listed, chipFilter, sensorFilter);
            planned = List.copyOf(listed);
        }
        if (!plan.chipNames.isEmpty()) {
            sink.family(HwmonPlan.CHIP_NAMES);
            for (String[] c : plan.chipNames) {
                sink.sample(c[0], c[1], 1);
            }
        }
        if (!plan.sensorLabels.isEmpty()) {
            sink.family(HwmonPlan.SENSOR_LABEL);
            for (String[] l : plan.sensorLabels) {
                sink.sample(l[0], l[1], l[2], 1);
            }
        }
        for (Map.Entry<String, List<HwmonPlan.Reading>> e : plan.byFamily.entrySet()) {
            boolean announced = false;
            for (HwmonPlan.Reading r : e.getValue()) {
                if (!read(r)) {
                    continue;
                }
                if (!announced) {
                    sink.family(r.family);
                    announced = true;
                }
                sink.sample(r.chip, r.sensor, r.value);
            }
        }
    }

    /**
     * Reads one value file. Unreadable files (a sensor answering EIO/ENODATA) and non-numeric text are skipped
     * silently, as node_exporter does: drivers use both for "no reading now".
     */
    private static boolean read(HwmonPlan.Reading r) {
        int n;
        try {
            n = r.file.read();
        } catch (IOException e) {
            return false;
        }
        byte[] b = r.file.bytes();
        while (n > 0 && b[n - 1] == '\n') {
            n--;
        }
        if (r.kind == HwmonPlan.Kind.BEEP_ENABLE) {
            r.value = n == 1 && b[0] == '1' ? 1 : 0;
            return true;
        }
        double v = TextScanner.parseDecimal(b, 0, n);
        if (Double.isNaN(v)) {
            try {
                v = Double.parseDouble(new String(b, 0, n, StandardCharsets.US_ASCII));
            } catch (NumberFormatException e) {
                return false;
            }
        }
        r.value = v * r.scale;
        return true;
    }

    @Override
    public void close() {
        if (plan != null) {
            plan.close();
        }
    }

    /** Registered in META-INF/services. */
    public static final class Factory implements CollectorFactory {
        @Override
        public String name() {
            return "hwmon";
        }

        @Override
        public String description() {
            return "Hardware sensors (temperature, fans, voltage, power) from /sys/class/hwmon.";
        }

        @Override
        public List<CollectorOption> options() {
            return List.of(
                    new CollectorOption("chip-include", "", "Regexp of hwmon chip to include."),
                    new CollectorOption("chip-exclude", "", "Regexp of hwmon chip to exclude."),
                    new CollectorOption("sensor-include", "",
                            "Regexp of hwmon sensor (\"chip;sensor\") to include."),
                    new CollectorOption("sensor-exclude", "",
                            "Regexp of hwmon sensor (\"chip;sensor\") to exclude."));
        }

        @Override
        public Collector create(CollectorContext ctx) throws CollectorUnavailableException {
            Path dir = ctx.requireFile(ctx.paths().sys("class/hwmon"),
                    "kernel without CONFIG_HWMON, or no sensor drivers, e.g. in a virtual machine");
            DeviceFilter chips = new DeviceFilter(ctx.regexOption("chip-exclude", ""),
                    ctx.regexOption("chip-include", ""));
            DeviceFilter sensors = new DeviceFilter(ctx.regexOption("sensor-exclude", ""),
                    ctx.regexOption("sensor-include", ""));
            return new HwmonCollector(dir, chips, sensors);
        }
    }
}
