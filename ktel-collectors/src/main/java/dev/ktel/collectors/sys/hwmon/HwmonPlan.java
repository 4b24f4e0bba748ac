package dev.ktel.collectors.sys.hwmon;

import dev.ktel.collectors.DeviceFilter;
import dev.ktel.core.io.ProcFile;
import dev.ktel.core.metric.MetricFamily;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the hwmon collector reads: for every chip directory under /sys/class/hwmon (see
 * <a href="https://www.kernel.org/doc/html/latest/hwmon/sysfs-interface.html">hwmon sysfs interface</a>) the
 * sensor attribute files, each mapped to node_exporter's metric family, labels and unit scale. node_exporter
 * derives families from file names ({@code temp1_crit} becomes {@code node_hwmon_temp_crit_celsius}); this class
 * does that once, when the set of chips changes, so that a collection only re-reads the value files.
 * Labels ({@code *_label}) and chip names ({@code name}) are read once per plan.
 */
final class HwmonPlan {
    static final Pattern INVALID_METRIC_CHARS = Pattern.compile("[^a-z0-9:_]");
    static final Pattern FILENAME = Pattern.compile("^(?<type>[^0-9]+)(?<id>[0-9]*)?(_(?<property>.+))?$");
    static final List<String> SENSOR_TYPES = List.of("vrm", "beep_enable", "update_interval", "in", "cpu", "fan",
            "pwm", "temp", "curr", "power", "energy", "humidity", "intrusion", "freq");

    static final MetricFamily CHIP_NAMES = MetricFamily.gauge("node_hwmon_chip_names",
            "Annotation metric for human-readable chip names", "chip", "chip_name");
    static final MetricFamily SENSOR_LABEL = MetricFamily.gauge("node_hwmon_sensor_label",
            "Label for given chip and sensor", "chip", "sensor", "label");

    /** How a file's text becomes a sample value. */
    enum Kind { SCALED, BEEP_ENABLE }

    /** One value file and the series it feeds. */
    static final class Reading {
        final MetricFamily family;
        final String chip;
        final String sensor;
        final ProcFile file;
        final double scale;
        final Kind kind;
        double value;

        Reading(MetricFamily family, String chip, String sensor, ProcFile file, double scale, Kind kind) {
            this.family = family;
            this.chip = chip;
            this.sensor = sensor;
            this.file = file;
            this.scale = scale;
            this.kind = kind;
        }
    }

    /** Series of one family, in the order found. */
    final Map<String, List<Reading>> byFamily = new LinkedHashMap<>();
    final Map<String, MetricFamily> families = new HashMap<>();
    /** chip, chip_name pairs. */
    final List<String[]> chipNames = new ArrayList<>();
    /** chip, sensor, label triples. */
    final List<String[]> sensorLabels = new ArrayList<>();

    static String clean(String name) {
        String replaced = INVALID_METRIC_CHARS.matcher(name.toLowerCase(Locale.ROOT)).replaceAll("_");
        int s = 0;
        int e = replaced.length();
        while (s < e && replaced.charAt(s) == '_') {
            s++;
        }
        while (e > s && replaced.charAt(e - 1) == '_') {
            e--;
        }
        return replaced.substring(s, e);
    }

    /** Builds the plan for the chip directories (sorted by directory name). */
    static HwmonPlan build(Path hwmonDir, List<Path> dirs, DeviceFilter chipFilter, DeviceFilter sensorFilter) {
        HwmonPlan plan = new HwmonPlan();
        List<String> base = new ArrayList<>();
        List<String> nameFiles = new ArrayList<>();
        List<Path> kept = new ArrayList<>();
        Map<String, Integer> chipCounts = new HashMap<>();
        Map<String, Integer> nameCounts = new HashMap<>();
        for (Path dir : dirs) {
            if (!Files.isDirectory(dir)) {
                continue;
            }
            String b = chipBaseName(dir);
            if (b == null) {
                continue;
            }
            String nf = readTrimmed(dir.resolve("name"));
            nf = nf == null ? "" : nf.strip();
            kept.add(dir);
            base.add(b);
            nameFiles.add(nf);
            chipCounts.merge(b, 1, Integer::sum);
            nameCounts.merge(b + "\0" + nf, 1, Integer::sum);
        }
        for (int i = 0; i < kept.size(); i++) {
            Path dir = kept.get(i);
            String chip = base.get(i);
            // Several chips under one device: tell them apart by name file, else by directory (node_exporter).
            if (chipCounts.get(chip) > 1) {
                String suffix = clean(nameFiles.get(i));
                if (suffix.isEmpty() || nameCounts.get(chip + "\0" + nameFiles.get(i)) > 1) {
                    suffix = clean(dir.getFileName().toString());
                }
                chip = chip + "_" + suffix;
            }
            if (chipFilter.ignored(chip)) {
                continue;
            }
            plan.addChip(dir, chip, sensorFilter);
        }
        return plan;
    }

    /** node_exporter's hwmonName: the device's bus type and name, else the name file, else the directory. */
    static String chipBaseName(Path dir) {
        try {
            Path device = dir.resolve("device").toRealPath();
            String devName = clean(device.getFileName().toString());
            Path parent = device.getParent();
            String devType = parent == null || parent.getFileName() == null ? ""
                    : clean(parent.getFileName().toString());
            if (!devType.isEmpty() && !devName.isEmpty()) {
                return devType + "_" + devName;
            }
            if (!devName.isEmpty()) {
                return devName;
            }
        } catch (IOException e) {
            // no device link: fall back to the name file
        }
        String name = readTrimmed(dir.resolve("name"));
        if (name != null && !name.isEmpty()) {
            String c = clean(name);
            if (!c.isEmpty()) {
                return c;
            }
        }
        try {
            String c = clean(dir.toRealPath().getFileName().toString());
            return c.isEmpty() ? null : c;
        } catch (IOException e) {
            return null;
        }
    }

    private void addChip(Path dir, String chip, DeviceFilter sensorFilter) {
        String name = readTrimmed(dir.resolve("name"));
        if (name != null) {
            String c = clean(name);
            if (!c.isEmpty()) {
                chipNames.add(new String[] {chip, c});
            }
        }
        // sensor -> property -> file; files in device/ override those in the chip directory, as node_exporter
        Map<String, Map<String, Path>> data = new TreeMap<>();
        collectSensorFiles(dir, data);
        if (Files.isDirectory(dir.resolve("device"))) {
            collectSensorFiles(dir.resolve("device"), data);
        }
        for (Map.Entry<String, Map<String, Path>> e : data.entrySet()) {
            String sensor = e.getKey();
            if (sensorFilter.ignored(chip + ";" + sensor)) {
                continue;
            }
            Map<String, Path> props = e.getValue();
            Matcher m = FILENAME.matcher(sensor);
            String type = m.matches() ? m.group("type") : sensor;
            String label = null;
            if (props.containsKey("label")) {
                label = readTrimmed(props.get("label"));
                if (label != null) {
                    sensorLabels.add(new String[] {chip, sensor, label});
                }
            }
            switch (type) {
                case "beep_enable" -> add("node_hwmon_beep_enabled", "Hardware beep enabled", false, chip, sensor,
                        props.get(""), 1, Kind.BEEP_ENABLE);
                case "vrm" -> add("node_hwmon_voltage_regulator_version", "Hardware voltage regulator", false, chip,
                        sensor, props.get(""), 1, Kind.SCALED);
                case "update_interval" -> add("node_hwmon_update_interval_seconds",
                        "Hardware monitor update interval", false, chip, sensor, props.get(""), 0.001, Kind.SCALED);
                default -> addElements(chip, sensor, type, props, label);
            }
        }
    }

    private void addElements(String chip, String sensor, String type, Map<String, Path> props, String label) {
        String prefix = "node_hwmon_" + type;
        for (Map.Entry<String, Path> pe : props.entrySet()) {
            String element = pe.getKey();
            Path file = pe.getValue();
            if (element.equals("label")) {
                continue;
            }
            String name = prefix;
            if (element.equals("input")) {
                if (props.containsKey("")) {
                    name = name + "_input";
                }
            } else if (!element.isEmpty()) {
                name = name + "_" + clean(element);
            }
            if (element.equals("fault") || element.equals("alarm")) {
                add(name, "Hardware sensor " + element + " status (" + type + ")", false, chip, sensor, file, 1,
                        Kind.SCALED);
            } else if (element.equals("beep")) {
                add(name + "_enabled", "Hardware monitor sensor has beeping enabled", false, chip, sensor, file, 1,
                        Kind.SCALED);
            } else if (type.equals("in") || type.equals("cpu")) {
                add(name + "_volts", "Hardware monitor for voltage (" + element + ")", false, chip, sensor, file,
                        0.001, Kind.SCALED);
            } else if (type.equals("temp") && !element.equals("type")) {
                String el = element.isEmpty() ? "input" : element;
                add(name + "_celsius", "Hardware monitor for temperature (" + el + ")", false, chip, sensor, file,
                        0.001, Kind.SCALED);
            } else if (type.equals("curr")) {
                add(name + "_amps", "Hardware monitor for current (" + element + ")", false, chip, sensor, file,
                        0.001, Kind.SCALED);
            } else if (type.equals("energy")) {
                add(name + "_joule_total", "Hardware monitor for joules used so far (" + element + ")", true, chip,
                        sensor, file, 1e-6, Kind.SCALED);
            } else if (type.equals("power") && element.equals("accuracy")) {
                add(name, "Hardware monitor power meter accuracy, as a ratio", false, chip, sensor, file, 1e-6,
                        Kind.SCALED);
            } else if (type.equals("power") && (element.equals("average_interval")
                    || element.equals("average_interval_min") || element.equals("average_interval_max"))) {
                add(name + "_seconds", "Hardware monitor power usage update interval (" + element + ")", false, chip,
                        sensor, file, 0.001, Kind.SCALED);
            } else if (type.equals("power")) {
                add(name + "_watt", "Hardware monitor for power usage in watts (" + element + ")", false, chip,
                        sensor, file, 1e-6, Kind.SCALED);
            } else if (type.equals("humidity")) {
                add(name, "Hardware monitor for humidity, as a ratio (multiply with 100.0 to get the humidity as a"
                        + " percentage) (" + element + ")", false, chip, sensor, file, 1e-6, Kind.SCALED);
            } else if (type.equals("fan") && (element.equals("input") || element.equals("min")
                    || element.equals("max") || element.equals("target"))) {
                add(name + "_rpm", "Hardware monitor for fan revolutions per minute (" + element + ")", false, chip,
                        sensor, file, 1, Kind.SCALED);
            } else if (type.equals("freq") && element.equals("input")) {
                // GPU clocks: the series is named by the sensor's label (sclk, mclk), as node_exporter
                if (label != null) {
                    add(name + "_freq_mhz", "Hardware monitor for GPU frequency in MHz", false, chip, clean(label),
                            file, 1e-6, Kind.SCALED);
                }
            } else {
                add(name, "Hardware monitor " + type + " element " + element, false, chip, sensor, file, 1,
                        Kind.SCALED);
            }
        }
    }

    private void add(String name, String help, boolean counter, String chip, String sensor, Path file, double scale,
            Kind kind) {
        if (file == null) {
            return;
        }
        MetricFamily f = families.computeIfAbsent(name, n -> counter
                ? MetricFamily.counter(n, help, "chip", "sensor") : MetricFamily.gauge(n, help, "chip", "sensor"));
        byFamily.computeIfAbsent(name, n -> new ArrayList<>())
                .add(new Reading(f, chip, sensor, new ProcFile(file, 64), scale, kind));
    }

    private static void collectSensorFiles(Path dir, Map<String, Map<String, Path>> data) {
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path p : ds) {
                String f = p.getFileName().toString();
                Matcher m = FILENAME.matcher(f);
                if (!m.matches()) {
                    continue;
                }
                String type = m.group("type");
                if (!SENSOR_TYPES.contains(type)) {
                    continue;
                }
                String id = m.group("id");
                int num = 0;
                if (id != null && !id.isEmpty()) {
                    try {
                        num = Integer.parseInt(id);
                    } catch (NumberFormatException e) {
                        continue;
                    }
                }
                String prop = m.group("property") == null ? "" : m.group("property");
                if (Files.isDirectory(p) || !Files.isReadable(p)) {
                    continue; // write-only attributes (e.g. *_reset_history) cannot be read
                }
                data.computeIfAbsent(type + num, k -> new TreeMap<>()).put(prop, p);
            }
        } catch (IOException e) {
            // an unreadable chip directory contributes nothing
        }
    }

    /** The file's text without trailing newlines (node_exporter trims only "\n"); null when unreadable. */
    static String readTrimmed(Path p) {
        try (ProcFile f = new ProcFile(p, 128)) {
            int n = f.read();
            while (n > 0 && f.bytes()[n - 1] == '\n') {
                n--;
            }
            return new String(f.bytes(), 0, n, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return null;
        }
    }

    void close() {
        for (List<Reading> list : byFamily.values()) {
            for (Reading r : list) {
                r.file.close();
            }
        }
    }
}
