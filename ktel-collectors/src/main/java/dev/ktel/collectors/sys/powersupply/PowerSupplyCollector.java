package dev.ktel.collectors.sys.powersupply;

import dev.ktel.collectors.Collector;
import dev.ktel.collectors.CollectorContext;
import dev.ktel.collectors.CollectorFactory;
import dev.ktel.collectors.CollectorOption;
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
import java.util.regex.Pattern;

/**
 * Batteries, AC adapters and USB supplies from {@code /sys/class/power_supply/<supply>/*} (see
 * <a href="https://docs.kernel.org/ABI/testing/sysfs-class-power.html">sysfs-class-power</a>), as
 * node_exporter's powersupplyclass collector: one gauge per numeric attribute, µ-units scaled to base units,
 * tenths of °C to °C, and node_power_supply_info with the text attributes.
 */
public final class PowerSupplyCollector implements Collector {
    /** sysfs attribute, metric suffix, divisor (µ-units to base units, tenths of °C to °C). */
    private static final Object[][] NUMERIC = {
        {"authentic", "authentic", 1.0}, {"calibrate", "calibrate", 1.0}, {"capacity", "capacity", 1.0},
        {"capacity_alert_max", "capacity_alert_max", 1.0}, {"capacity_alert_min", "capacity_alert_min", 1.0},
        {"cycle_count", "cyclecount", 1.0}, {"online", "online", 1.0}, {"present", "present", 1.0},
        {"time_to_empty_now", "time_to_empty_seconds", 1.0}, {"time_to_full_now", "time_to_full_seconds", 1.0},
        {"current_boot", "current_boot", 1e6}, {"current_max", "current_max", 1e6},
        {"current_now", "current_ampere", 1e6}, {"energy_empty", "energy_empty", 1e6},
        {"energy_empty_design", "energy_empty_design", 1e6}, {"energy_full", "energy_full", 1e6},
        {"energy_full_design", "energy_full_design", 1e6}, {"energy_now", "energy_watthour", 1e6},
        {"voltage_boot", "voltage_boot", 1e6}, {"voltage_max", "voltage_max", 1e6},
        {"voltage_max_design", "voltage_max_design", 1e6}, {"voltage_min", "voltage_min", 1e6},
        {"voltage_min_design", "voltage_min_design", 1e6}, {"voltage_now", "voltage_volt", 1e6},
        {"voltage_ocv", "voltage_ocv", 1e6}, {"charge_control_limit", "charge_control_limit", 1e6},
        {"charge_control_limit_max", "charge_control_limit_max", 1e6},
        {"charge_counter", "charge_counter", 1e6}, {"charge_empty", "charge_empty", 1e6},
        {"charge_empty_design", "charge_empty_design", 1e6}, {"charge_full", "charge_full", 1e6},
        {"charge_full_design", "charge_full_design", 1e6}, {"charge_now", "charge_ampere", 1e6},
        {"charge_term_current", "charge_term_current", 1e6},
        {"constant_charge_current", "constant_charge_current", 1e6},
        {"constant_charge_current_max", "constant_charge_current_max", 1e6},
        {"constant_charge_voltage", "constant_charge_voltage", 1e6},
        {"constant_charge_voltage_max", "constant_charge_voltage_max", 1e6},
        {"precharge_current", "precharge_current", 1e6}, {"input_current_limit", "input_current_limit", 1e6},
        {"power_now", "power_watt", 1e6},
        {"temp", "temp_celsius", 10.0}, {"temp_alert_max", "temp_alert_max_celsius", 10.0},
        {"temp_alert_min", "temp_alert_min_celsius", 10.0}, {"temp_ambient", "temp_ambient_celsius", 10.0},
        {"temp_ambient_max", "temp_ambient_max_celsius", 10.0},
        {"temp_ambient_min", "temp_ambient_min_celsius", 10.0}, {"temp_max", "temp_max_celsius", 10.0},
        {"temp_min", "temp_min_celsius", 10.0},
    };
    static final String[] ATTRS = new String[NUMERIC.length];
    static final double[] DIVISOR = new double[NUMERIC.length];
    static final MetricFamily[] FAMILIES = new MetricFamily[NUMERIC.length];

    static {
        for (int i = 0; i < NUMERIC.length; i++) {
            ATTRS[i] = (String) NUMERIC[i][0];
            DIVISOR[i] = (Double) NUMERIC[i][2];
            String suffix = (String) NUMERIC[i][1];
            FAMILIES[i] = MetricFamily.gauge("node_power_supply_" + suffix,
                    suffix + " value of /sys/class/power_supply/<power_supply>.", "power_supply");
        }
    }

    /** Info labels in name order; index {@link #NAME_LABEL} is the supply's directory name. */
    static final String[] INFO_LABELS = {"capacity_level", "charge_type", "health", "manufacturer", "model_name",
        "power_supply", "scope", "serial_number", "status", "technology", "type", "usb_type"};
    static final int NAME_LABEL = 5;
    static final MetricFamily INFO = MetricFamily.gauge("node_power_supply_info",
            "info of /sys/class/power_supply/<power_supply>.", INFO_LABELS);

    private static final class Supply {
        final String name;
        final ProcFile[] numericFiles = new ProcFile[ATTRS.length];
        final ProcFile[] textFiles = new ProcFile[INFO_LABELS.length];
        final double[] values = new double[ATTRS.length];
        final String[] info = new String[INFO_LABELS.length];

        Supply(String name) {
            this.name = name;
        }

        void close() {
            for (ProcFile f : numericFiles) {
                if (f != null) {
                    f.close();
                }
            }
            for (ProcFile f : textFiles) {
                if (f != null) {
                    f.close();
                }
            }
        }
    }

    private final Path dir;
    private final Pattern ignored;
    private final ParseErrors errors;
    private final StringCache cache = new StringCache(64);
    private final Map<String, Supply> supplies = new HashMap<>();
    private final List<String> names = new ArrayList<>();
    private final List<String> entries = new ArrayList<>();

    PowerSupplyCollector(Path dir, Pattern ignored, ParseErrors errors) {
        this.dir = dir;
        this.ignored = ignored;
        this.errors = errors;
    }

    @Override
    public void collect(MetricSink sink) throws IOException {
        names.clear();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path p : ds) {
                String name = p.getFileName().toString();
                // node_exporter's MatchString: unanchored
                if (ignored == null || !ignored.matcher(name).find()) {
                    names.add(name);
                }
            }
        }
        Collections.sort(names);
        supplies.values().removeIf(s -> {
            boolean gone = !names.contains(s.name);
            if (gone) {
                s.close();
            }
            return gone;
        });
        for (String name : names) {
            read(supplies.computeIfAbsent(name, Supply::new));
        }
        for (int a = 0; a < ATTRS.length; a++) {
            boolean announced = false;
            for (String name : names) {
                Supply s = supplies.get(name);
                if (!Double.isNaN(s.values[a])) {
                    if (!announced) {
                        sink.family(FAMILIES[a]);
                        announced = true;
                    }
                    sink.sample(s.name, s.values[a]);
                }
            }
        }
        if (!names.isEmpty()) {
            sink.family(INFO);
            for (String name : names) {
                sink.sample(supplies.get(name).info, 1);
            }
        }
    }

    private void read(Supply s) {
        Path sd = dir.resolve(s.name);
        entries.clear();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(sd)) {
            for (Path p : ds) {
                entries.add(p.getFileName().toString());
            }
        } catch (IOException e) {
            // vanished between listings: reported without attributes
        }
        Arrays.fill(s.values, Double.NaN);
        Arrays.fill(s.info, "");
        s.info[NAME_LABEL] = s.name;
        for (String entry : entries) {
            int a = indexOf(ATTRS, entry);
            if (a >= 0) {
                if (s.numericFiles[a] == null) {
                    s.numericFiles[a] = new ProcFile(sd.resolve(entry), 64);
                }
                ProcFile f = s.numericFiles[a];
                try {
                    int n = f.read();
                    s.values[a] = SysfsValue.integer(f.name(), f.bytes(), n) / DIVISOR[a];
                } catch (ProcParseException e) {
                    errors.report(e);
                } catch (IOException e) {
                    // ENODATA, EINVAL, ENODEV, EOPNOTSUPP: the driver has no value now
                }
                continue;
            }
            int t = indexOf(INFO_LABELS, entry);
            if (t >= 0 && t != NAME_LABEL) {
                if (s.textFiles[t] == null) {
                    s.textFiles[t] = new ProcFile(sd.resolve(entry), 128);
                }
                ProcFile f = s.textFiles[t];
                try {
                    int n = f.read();
                    s.info[t] = SysfsValue.text(f.bytes(), n, cache);
                } catch (IOException e) {
                    // no value now
                }
            }
        }
    }

    private static int indexOf(String[] names, String name) {
        for (int i = 0; i < names.length; i++) {
            if (names[i].equals(name)) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public void close() {
        for (Supply s : supplies.values()) {
            s.close();
        }
    }

    /** Registered in META-INF/services. */
    public static final class Factory implements CollectorFactory {
        @Override
        public String name() {
            return "powersupplyclass";
        }

        @Override
        public String description() {
            return "Batteries and power adapters from /sys/class/power_supply.";
        }

        @Override
        public List<CollectorOption> options() {
            return List.of(new CollectorOption("ignored-supplies", "^$",
                    "Regexp of power supplies to ignore for powersupplyclass collector."));
        }

        @Override
        public Collector create(CollectorContext ctx) throws CollectorUnavailableException {
            Path dir = ctx.requireFile(ctx.paths().sys("class/power_supply"), "kernel without power supply class");
            return new PowerSupplyCollector(dir, ctx.regexOption("ignored-supplies", "^$"), ctx.errors());
        }
    }
}
