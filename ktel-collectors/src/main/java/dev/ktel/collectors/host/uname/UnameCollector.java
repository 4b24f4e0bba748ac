package dev.ktel.collectors.host.uname;

import dev.ktel.collectors.Collector;
import dev.ktel.collectors.CollectorContext;
import dev.ktel.collectors.CollectorFactory;
import dev.ktel.collectors.CollectorUnavailableException;
import dev.ktel.core.io.HostPaths;
import dev.ktel.core.io.ProcFile;
import dev.ktel.core.metric.MetricFamily;
import dev.ktel.core.metric.MetricSink;
import java.io.IOException;
import java.nio.file.Files;

/**
 * node_uname_info, as node_exporter's uname collector: uname(2) on the live host; for a captured tree (paths
 * not the host's) the same strings from {@code <procfs>/sys/kernel/*}.
 */
public final class UnameCollector implements Collector {
    static final MetricFamily INFO = MetricFamily.gauge("node_uname_info",
            "Labeled system information as provided by the uname system call.",
            "sysname", "release", "version", "machine", "nodename", "domainname");

    private final LibcUname libc;
    /** ostype, osrelease, version, arch, hostname, domainname; null entries are absent files. */
    private final ProcFile[] files;
    private final UnameParser parser = new UnameParser();
    private final Uname uname = new Uname();
    private final String[] labels = new String[6];

    private UnameCollector(LibcUname libc, ProcFile[] files) {
        this.libc = libc;
        this.files = files;
    }

    @Override
    public void collect(MetricSink sink) throws Exception {
        if (libc != null) {
            libc.read(parser, uname);
        } else {
            uname.sysname = read(0);
            uname.release = read(1);
            uname.version = read(2);
            uname.machine = read(3);
            uname.nodename = read(4);
            uname.domainname = read(5);
        }
        labels[0] = uname.sysname;
        labels[1] = uname.release;
        labels[2] = uname.version;
        labels[3] = uname.machine;
        labels[4] = uname.nodename;
        labels[5] = uname.domainname;
        sink.family(INFO);
        sink.sample(labels, 1);
    }

    private String read(int i) throws IOException {
        ProcFile f = files[i];
        if (f == null) {
            return "";
        }
        int n = f.read();
        return parser.line(f.name(), f.bytes(), n);
    }

    @Override
    public void close() {
        if (libc != null) {
            libc.close();
        }
        for (ProcFile f : files) {
            if (f != null) {
                f.close();
            }
        }
    }

    /** Registered in META-INF/services. */
    public static final class Factory implements CollectorFactory {
        static final String[] SYSCTLS = {"ostype", "osrelease", "version", "arch", "hostname", "domainname"};

        @Override
        public String name() {
            return "uname";
        }

        @Override
        public String description() {
            return "Kernel name, release, version, machine, host and domain name from uname(2).";
        }

        @Override
        public Collector create(CollectorContext ctx) throws CollectorUnavailableException {
            HostPaths paths = ctx.paths();
            if (paths.isLiveHost()) {
                return new UnameCollector(LibcUname.load(), new ProcFile[0]);
            }
            ProcFile[] files = new ProcFile[SYSCTLS.length];
            for (int i = 0; i < SYSCTLS.length; i++) {
                var p = paths.proc("sys/kernel/" + SYSCTLS[i]);
                // arch is newer (Linux 5.x); the others exist on every kernel
                if (i == 3 && !Files.exists(p)) {
                    continue;
                }
                files[i] = new ProcFile(ctx.requireFile(p, "captured tree without kernel sysctls"), 256);
            }
            return new UnameCollector(null, files);
        }
    }
}
