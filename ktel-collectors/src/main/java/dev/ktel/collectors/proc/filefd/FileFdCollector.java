package dev.ktel.collectors.proc.filefd;

import dev.ktel.collectors.Collector;
import dev.ktel.collectors.CollectorContext;
import dev.ktel.collectors.CollectorFactory;
import dev.ktel.collectors.CollectorUnavailableException;
import dev.ktel.collectors.PseudoFile;
import dev.ktel.core.metric.MetricFamily;
import dev.ktel.core.metric.MetricSink;

/** Allocated and maximum file handles from /proc/sys/fs/file-nr, as node_exporter's filefd collector. */
public final class FileFdCollector implements Collector {
    static final MetricFamily ALLOCATED = MetricFamily.gauge("node_filefd_allocated",
            "File descriptor statistics: allocated.");
    static final MetricFamily MAXIMUM = MetricFamily.gauge("node_filefd_maximum",
            "File descriptor statistics: maximum.");

    private final PseudoFile file;
    private final FileNrParser parser = new FileNrParser();
    private final FileNr fileNr = new FileNr();

    FileFdCollector(PseudoFile file) {
        this.file = file;
    }

    @Override
    public void collect(MetricSink sink) throws Exception {
        int n = file.read();
        parser.parse(file.name(), file.bytes(), n, fileNr);
        sink.family(ALLOCATED);
        sink.sample(fileNr.allocated);
        sink.family(MAXIMUM);
        sink.sample(fileNr.maximum);
    }

    @Override
    public void close() {
        file.close();
    }

    /** Registered in META-INF/services. */
    public static final class Factory implements CollectorFactory {
        @Override
        public String name() {
            return "filefd";
        }

        @Override
        public String description() {
            return "Allocated and maximum file handles from /proc/sys/fs/file-nr.";
        }

        @Override
        public Collector create(CollectorContext ctx) throws CollectorUnavailableException {
            return new FileFdCollector(
                    new PseudoFile(ctx.requireFile(ctx.paths().proc("sys/fs/file-nr"), null), 128));
        }
    }
}
