package dev.ktel.collectors.host.os;

import dev.ktel.collectors.Collector;
import dev.ktel.collectors.CollectorContext;
import dev.ktel.collectors.CollectorFactory;
import dev.ktel.collectors.CollectorUnavailableException;
import dev.ktel.core.io.ProcFile;
import dev.ktel.core.metric.MetricFamily;
import dev.ktel.core.metric.MetricSink;
import dev.ktel.core.text.ParseErrors;
import dev.ktel.core.text.ProcParseException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Arrays;

/**
 * node_os_info, node_os_version and node_os_support_end_timestamp_seconds from {@code <rootfs>/etc/os-release}
 * or, when absent, {@code <rootfs>/usr/lib/os-release}, as node_exporter's os collector.
 */
public final class OsCollector implements Collector {
    static final MetricFamily INFO = MetricFamily.gauge("node_os_info",
            "A metric with a constant '1' value labeled by build_id, id, id_like, image_id, image_version, "
                    + "name, pretty_name, variant, variant_id, version, version_codename, version_id.",
            "build_id", "id", "id_like", "image_id", "image_version", "name", "pretty_name", "variant",
            "variant_id", "version", "version_codename", "version_id");
    static final MetricFamily VERSION = MetricFamily.gauge("node_os_version",
            "Metric containing the major.minor part of the OS version.", "id", "id_like", "name");
    static final MetricFamily SUPPORT_END = MetricFamily.gauge("node_os_support_end_timestamp_seconds",
            "Metric containing the end-of-life date timestamp of the OS.");

    private final ProcFile[] files;
    private final ParseErrors errors;
    private final OsReleaseParser parser = new OsReleaseParser();
    private final OsRelease release = new OsRelease();
    private byte[] last = new byte[0];
    private int lastLength = -1;
    private int lastFile = -1;
    private double version;
    private double supportEnd = Double.NaN;

    private final NativeFileReader[] natives;

    OsCollector(ProcFile[] files, ParseErrors errors) {
        this.files = files;
        this.errors = errors;
        NativeFileReader[] n = new NativeFileReader[files.length];
        for (int i = 0; i < files.length; i++) {
            n[i] = NativeFileReader.create(files[i].path(), 1024);
            if (n[i] == null) {
                n = null; // no native access: FileChannel it is
                break;
            }
        }
        this.natives = n;
    }

    @Override
    public void collect(MetricSink sink) throws Exception {
        int which = -1;
        int n = 0;
        byte[] bytes = null;
        for (int i = 0; i < files.length && which < 0; i++) {
            if (natives != null) {
                n = natives[i].read();
                if (n == -NativeFileReader.ENOENT || n == -20) { // ENOENT, ENOTDIR: try the next location
                    continue;
                }
                if (n < 0) {
                    throw new java.io.IOException(files[i].name() + ": read failed, errno " + -n);
                }
                which = i;
                bytes = natives[i].bytes();
                continue;
            }
            try {
                n = files[i].read();
                which = i;
                bytes = files[i].bytes();
            } catch (NoSuchFileException e) {
                // try the next location
            } finally {
                // reopened each time: package upgrades replace the file rather than rewrite it
                files[i].close();
            }
        }
        if (which < 0) {
            throw new NoSuchFileException(files[0].name() + " and " + files[files.length - 1].name()
                    + " do not exist");
        }
        if (which != lastFile || n != lastLength || !Arrays.equals(bytes, 0, n, last, 0, n)) {
            parse(files[which].name(), bytes, n);
            last = Arrays.copyOf(bytes, n);
            lastLength = n;
            lastFile = which;
        }
        sink.family(INFO);
        sink.sample(release.values, 1);
        if (version > 0) {
            sink.family(VERSION);
            sink.sample(release.values[OsRelease.ID], release.values[OsRelease.ID_LIKE],
                    release.values[OsRelease.NAME], version);
        }
        if (!Double.isNaN(supportEnd)) {
            sink.family(SUPPORT_END);
            sink.sample(supportEnd);
        }
    }

    private void parse(String name, byte[] bytes, int n) {
        parser.parse(name, bytes, n, release, errors);
        version = OsReleaseParser.majorMinor(release.values[OsRelease.VERSION_ID]);
        supportEnd = Double.NaN;
        if (!release.supportEnd.isEmpty()) {
            try {
                supportEnd = LocalDate.parse(release.supportEnd).atStartOfDay().toEpochSecond(ZoneOffset.UTC);
            } catch (DateTimeParseException e) {
                errors.report(new ProcParseException(name, 0, "SUPPORT_END", "expected YYYY-MM-DD",
                        release.supportEnd));
            }
        }
    }

    @Override
    public void close() {
        for (ProcFile f : files) {
            f.close();
        }
        if (natives != null) {
            for (NativeFileReader r : natives) {
                r.close();
            }
        }
    }

    /** Registered in META-INF/services. */
    public static final class Factory implements CollectorFactory {
        @Override
        public String name() {
            return "os";
        }

        @Override
        public String description() {
            return "Operating system name and version from /etc/os-release or /usr/lib/os-release.";
        }

        @Override
        public Collector create(CollectorContext ctx) throws CollectorUnavailableException {
            Path etc = ctx.paths().root("etc/os-release");
            Path usr = ctx.paths().root("usr/lib/os-release");
            if (!Files.exists(etc) && !Files.exists(usr)) {
                throw new CollectorUnavailableException(etc + " and " + usr + " do not exist");
            }
            return new OsCollector(new ProcFile[] {new ProcFile(etc, 1024), new ProcFile(usr, 1024)}, ctx.errors());
        }
    }
}
