package dev.ktel.collectors.proc.diskstats;

import dev.ktel.collectors.DeviceFilter;
import dev.ktel.collectors.Collector;
import dev.ktel.collectors.CollectorContext;
import dev.ktel.collectors.CollectorFactory;
import dev.ktel.collectors.CollectorOption;
import dev.ktel.collectors.CollectorUnavailableException;
import dev.ktel.collectors.PseudoFile;
import dev.ktel.core.metric.MetricFamily;
import dev.ktel.core.metric.MetricSink;
import dev.ktel.core.text.ParseErrors;
import dev.ktel.core.text.StringCache;
import dev.ktel.core.text.TextScanner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * node_disk_* from /proc/diskstats, with node_disk_info and the udev-derived info families from udev's
 * database and /sys/block/DEV/queue/rotational, as node_exporter's diskstats collector. node_disk_io_now
 * (I/Os in flight) is the disk queue depth.
 */
public final class DiskStatsCollector implements Collector {
    static final String DEFAULT_EXCLUDE = "^(z?ram|loop|fd|(h|s|v|xv)d[a-z]|nvme\\d+n\\d+p)\\d+$";
    private static final double TICK = 1.0 / 1000.0;
    private static final double SECTOR = 512.0;

    static final MetricFamily INFO = MetricFamily.gauge("node_disk_info", "Info of /sys/block/<block_device>.",
            "device", "major", "minor", "path", "wwn", "model", "serial", "revision", "rotational");
    /** One family per counter of {@link DiskStats}, in kernel order, with the factor to node_exporter units. */
    static final MetricFamily[] STATS = {
        MetricFamily.counter("node_disk_reads_completed_total", "The total number of reads completed successfully.",
                "device"),
        MetricFamily.counter("node_disk_reads_merged_total", "The total number of reads merged.", "device"),
        MetricFamily.counter("node_disk_read_bytes_total", "The total number of bytes read successfully.", "device"),
        MetricFamily.counter("node_disk_read_time_seconds_total", "The total number of seconds spent by all reads.",
                "device"),
        MetricFamily.counter("node_disk_writes_completed_total",
                "The total number of writes completed successfully.", "device"),
        MetricFamily.counter("node_disk_writes_merged_total", "The number of writes merged.", "device"),
        MetricFamily.counter("node_disk_written_bytes_total", "The total number of bytes written successfully.",
                "device"),
        MetricFamily.counter("node_disk_write_time_seconds_total",
                "This is the total number of seconds spent by all writes.", "device"),
        MetricFamily.gauge("node_disk_io_now", "The number of I/Os currently in progress.", "device"),
        MetricFamily.counter("node_disk_io_time_seconds_total", "Total seconds spent doing I/Os.", "device"),
        MetricFamily.counter("node_disk_io_time_weighted_seconds_total",
                "The weighted # of seconds spent doing I/Os.", "device"),
        MetricFamily.counter("node_disk_discards_completed_total",
                "The total number of discards completed successfully.", "device"),
        MetricFamily.counter("node_disk_discards_merged_total", "The total number of discards merged.", "device"),
        MetricFamily.counter("node_disk_discarded_sectors_total",
                "The total number of sectors discarded successfully.", "device"),
        MetricFamily.counter("node_disk_discard_time_seconds_total",
                "This is the total number of seconds spent by all discards.", "device"),
        MetricFamily.counter("node_disk_flush_requests_total",
                "The total number of flush requests completed successfully", "device"),
        MetricFamily.counter("node_disk_flush_requests_time_seconds_total",
                "This is the total number of seconds spent by all flush requests.", "device"),
    };
    private static final double[] FACTOR = {1, 1, SECTOR, TICK, 1, 1, SECTOR, TICK, 1, TICK, TICK, 1, 1, 1, TICK, 1,
        TICK};
    static final MetricFamily FILESYSTEM_INFO = MetricFamily.gauge("node_disk_filesystem_info",
            "Info about disk filesystem.", "device", "type", "usage", "uuid", "version");
    static final MetricFamily DEVICE_MAPPER_INFO = MetricFamily.gauge("node_disk_device_mapper_info",
            "Info about disk device mapper.", "device", "name", "uuid", "vg_name", "lv_name", "lv_layer");
    static final MetricFamily ATA_ROTATION = MetricFamily.gauge("node_disk_ata_rotation_rate_rpm",
            "ATA disk rotation rate in RPMs (0 for SSDs).", "device");
    static final MetricFamily ATA_WRITE_CACHE = MetricFamily.gauge("node_disk_ata_write_cache",
            "ATA disk has a write cache.", "device");
    static final MetricFamily ATA_WRITE_CACHE_ENABLED = MetricFamily.gauge("node_disk_ata_write_cache_enabled",
            "ATA disk has its write cache enabled.", "device");

    /** Per-device state kept between scrapes. */
    private static final class Device {
        final int major;
        final int minor;
        final String majorText;
        final String minorText;
        final PseudoFile udev;
        final PseudoFile rotational;
        final UdevProperties props = new UdevProperties();
        String rotationalLabel = "0";
        /** ATA rotation rate, write cache, write cache enabled; NaN when absent or not a number. */
        final double[] ata = new double[3];
        int seen;

        Device(int major, int minor, PseudoFile udev, PseudoFile rotational) {
            this.major = major;
            this.minor = minor;
            this.majorText = Integer.toString(major);
            this.minorText = Integer.toString(minor);
            this.udev = udev;
            this.rotational = rotational;
        }
    }

    private final PseudoFile file;
    private final Path sysBlock;
    private final Path udevData;
    private final DeviceFilter filter;
    private final ParseErrors errors;
    private final DiskStatsParser parser = new DiskStatsParser();
    private final DiskStats stats = new DiskStats();
    private final StringCache udevValues = new StringCache(1024);
    private final Map<String, Device> devices = new HashMap<>();
    private Device[] kept = new Device[16];
    private final String[] labels = new String[9];
    private final String[] fsLabels = new String[5];
    private final String[] dmLabels = new String[6];
    private int generation;

    DiskStatsCollector(PseudoFile file, Path sysBlock, Path udevData, DeviceFilter filter, ParseErrors errors) {
        this.file = file;
        this.sysBlock = sysBlock;
        this.udevData = udevData;
        this.filter = filter;
        this.errors = errors;
    }

    @Override
    public void collect(MetricSink sink) throws Exception {
        int n = file.read();
        parser.parse(file.name(), file.bytes(), n, stats, errors);
        generation++;
        if (kept.length < stats.count) {
            kept = new Device[Math.max(stats.count, kept.length * 2)];
        }
        // Entry i of kept is the Device of stats line i, or null when the device is filtered out.
        for (int i = 0; i < stats.count; i++) {
            String name = stats.device[i];
            if (filter.ignored(name)) {
                kept[i] = null;
                continue;
            }
            Device d = device(name, stats.major[i], stats.minor[i]);
            d.seen = generation;
            refresh(d);
            kept[i] = d;
        }
        if (devices.size() > stats.count) {
            for (Iterator<Device> it = devices.values().iterator(); it.hasNext(); ) {
                Device d = it.next();
                if (d.seen != generation) {
                    close(d);
                    it.remove();
                }
            }
        }
        writeInfo(sink);
        for (int k = 0; k < DiskStats.MAX_STATS; k++) {
            boolean announced = false;
            for (int i = 0; i < stats.count; i++) {
                if (kept[i] == null || stats.statCount[i] <= k) {
                    continue;
                }
                if (!announced) {
                    sink.family(STATS[k]);
                    announced = true;
                }
                sink.sample(stats.device[i], stats.stat(i, k) * FACTOR[k]);
            }
        }
        writeUdevFamilies(sink);
    }

    private Device device(String name, int major, int minor) {
        Device d = devices.get(name);
        if (d != null && d.major == major && d.minor == minor) {
            return d;
        }
        if (d != null) {
            close(d);
        }
        PseudoFile udev = udevData == null ? null
                : new PseudoFile(udevData.resolve("b" + major + ":" + minor), 1024);
        Path rot = sysBlock.resolve(name).resolve("queue/rotational");
        d = new Device(major, minor, udev, Files.exists(rot) ? new PseudoFile(rot, 16) : null);
        devices.put(name, d);
        return d;
    }

    private void refresh(Device d) {
        if (d.udev != null) {
            try {
                int len = d.udev.read();
                d.props.parse(d.udev.bytes(), len, udevValues);
            } catch (IOException e) {
                d.props.clear(); // no udev record for this device: labels stay empty, as node_exporter
            }
        }
        boolean isAta = !d.props.label(UdevProperties.ID_ATA).isEmpty();
        d.ata[0] = isAta ? number(d.props.get(UdevProperties.ID_ATA_ROTATION_RATE_RPM)) : Double.NaN;
        d.ata[1] = isAta ? number(d.props.get(UdevProperties.ID_ATA_WRITE_CACHE)) : Double.NaN;
        d.ata[2] = isAta ? number(d.props.get(UdevProperties.ID_ATA_WRITE_CACHE_ENABLED)) : Double.NaN;
        d.rotationalLabel = "0";
        if (d.rotational != null) {
            try {
                if (d.rotational.readLong() == 1) {
                    d.rotationalLabel = "1";
                }
            } catch (IOException | RuntimeException e) {
                // node_exporter reports "0" when the attribute cannot be read
            }
        }
    }

    private void writeInfo(MetricSink sink) {
        boolean announced = false;
        for (int i = 0; i < stats.count; i++) {
            Device d = kept[i];
            if (d == null) {
                continue;
            }
            if (!announced) {
                sink.family(INFO);
                announced = true;
            }
            UdevProperties p = d.props;
            // The serial on the disk label; fall back as node_exporter does (ID_SERIAL for virtio).
            String serial = p.label(UdevProperties.SCSI_IDENT_SERIAL);
            if (serial.isEmpty()) {
                serial = p.label(UdevProperties.ID_SERIAL_SHORT);
            }
            if (serial.isEmpty()) {
                serial = p.label(UdevProperties.ID_SERIAL);
            }
            labels[0] = stats.device[i];
            labels[1] = d.majorText;
            labels[2] = d.minorText;
            labels[3] = p.label(UdevProperties.ID_PATH);
            labels[4] = p.label(UdevProperties.ID_WWN);
            labels[5] = p.label(UdevProperties.ID_MODEL);
            labels[6] = serial;
            labels[7] = p.label(UdevProperties.ID_REVISION);
            labels[8] = d.rotationalLabel;
            sink.sample(labels, 1);
        }
    }

    private void writeUdevFamilies(MetricSink sink) {
        String[] l5 = fsLabels;
        boolean announced = false;
        for (int i = 0; i < stats.count; i++) {
            Device d = kept[i];
            if (d == null || d.props.label(UdevProperties.ID_FS_TYPE).isEmpty()) {
                continue;
            }
            if (!announced) {
                sink.family(FILESYSTEM_INFO);
                announced = true;
            }
            l5[0] = stats.device[i];
            l5[1] = d.props.label(UdevProperties.ID_FS_TYPE);
            l5[2] = d.props.label(UdevProperties.ID_FS_USAGE);
            l5[3] = d.props.label(UdevProperties.ID_FS_UUID);
            l5[4] = d.props.label(UdevProperties.ID_FS_VERSION);
            sink.sample(l5, 1);
        }
        String[] l6 = dmLabels;
        announced = false;
        for (int i = 0; i < stats.count; i++) {
            Device d = kept[i];
            if (d == null || d.props.label(UdevProperties.DM_NAME).isEmpty()) {
                continue;
            }
            if (!announced) {
                sink.family(DEVICE_MAPPER_INFO);
                announced = true;
            }
            l6[0] = stats.device[i];
            l6[1] = d.props.label(UdevProperties.DM_NAME);
            l6[2] = d.props.label(UdevProperties.DM_UUID);
            l6[3] = d.props.label(UdevProperties.DM_VG_NAME);
            l6[4] = d.props.label(UdevProperties.DM_LV_NAME);
            l6[5] = d.props.label(UdevProperties.DM_LV_LAYER);
            sink.sample(l6, 1);
        }
        writeAta(sink, ATA_ROTATION, 0);
        writeAta(sink, ATA_WRITE_CACHE, 1);
        writeAta(sink, ATA_WRITE_CACHE_ENABLED, 2);
    }


    private void writeAta(MetricSink sink, MetricFamily family, int k) {
        boolean announced = false;
        for (int i = 0; i < stats.count; i++) {
            Device d = kept[i];
            if (d == null || Double.isNaN(d.ata[k])) {
                continue;
            }
            double value = d.ata[k];
            if (!announced) {
                sink.family(family);
                announced = true;
            }
            sink.sample(stats.device[i], value);
        }
    }

    /** A udev value as a number; NaN when absent or unparsable (node_exporter skips those). */
    private static double number(String v) {
        if (v == null || v.isEmpty()) {
            return Double.NaN;
        }
        double d = TextScanner.parseDecimal(v.getBytes(java.nio.charset.StandardCharsets.US_ASCII), 0, v.length());
        return d;
    }

    private static void close(Device d) {
        if (d.udev != null) {
            d.udev.close();
        }
        if (d.rotational != null) {
            d.rotational.close();
        }
    }

    @Override
    public void close() {
        file.close();
        for (Device d : devices.values()) {
            close(d);
        }
        devices.clear();
    }

    /** Registered in META-INF/services. */
    public static final class Factory implements CollectorFactory {
        @Override
        public String name() {
            return "diskstats";
        }

        @Override
        public String description() {
            return "Block device I/O statistics from /proc/diskstats, device info from udev and /sys/block.";
        }

        @Override
        public List<CollectorOption> options() {
            return List.of(
                    new CollectorOption("device-exclude", DEFAULT_EXCLUDE,
                            "Regexp of devices to exclude (mutually exclusive to device-include)."),
                    new CollectorOption("device-include", "",
                            "Regexp of devices to include (mutually exclusive to device-exclude)."));
        }

        @Override
        public Collector create(CollectorContext ctx) throws CollectorUnavailableException {
            Path p = ctx.requireFile(ctx.paths().proc("diskstats"), null);
            DeviceFilter filter = DeviceFilter.fromOptions(ctx, "device-exclude", DEFAULT_EXCLUDE, "device-include");
            Path udev = ctx.paths().udevData();
            // As node_exporter: udev properties only when the database directory is there.
            Path udevDir = udev != null && Files.isDirectory(udev) ? udev : null;
            return new DiskStatsCollector(PseudoFile.completeBelow(p, 8192, 512), ctx.paths().sys("block"), udevDir,
                    filter, ctx.errors());
        }
    }
}
