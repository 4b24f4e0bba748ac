package dev.ktel.collectors.proc.sockstat;

import dev.ktel.collectors.Collector;
import dev.ktel.collectors.CollectorContext;
import dev.ktel.collectors.CollectorFactory;
import dev.ktel.collectors.CollectorUnavailableException;
import dev.ktel.collectors.PseudoFile;
import dev.ktel.core.metric.MetricFamily;
import dev.ktel.core.metric.MetricSink;
import dev.ktel.core.text.ParseErrors;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Socket counts and socket buffer memory from /proc/net/sockstat and sockstat6 as node_exporter's
 * {@code node_sockstat_<PROTO>_<key>} gauges, plus {@code node_sockstat_<PROTO>_mem_bytes} (pages × page size).
 */
public final class SockStatCollector implements Collector {
    private static final class Entry {
        final MetricFamily family;
        final MetricFamily bytesFamily; // for "mem" (pages): the value in bytes
        int stamp;

        Entry(MetricFamily family, MetricFamily bytesFamily) {
            this.family = family;
            this.bytesFamily = bytesFamily;
        }
    }

    private final PseudoFile sockstat;
    private final PseudoFile sockstat6;
    private final long pageSize;
    private final ParseErrors errors;
    private final SockStatParser parser = new SockStatParser();
    private final SockStatValues values = new SockStatValues();
    private final Map<String, Entry> entries = new HashMap<>();
    private int stamp;

    SockStatCollector(PseudoFile sockstat, PseudoFile sockstat6, long pageSize, ParseErrors errors) {
        this.sockstat = sockstat;
        this.sockstat6 = sockstat6;
        this.pageSize = pageSize;
        this.errors = errors;
    }

    @Override
    public void collect(MetricSink sink) throws Exception {
        values.clear();
        boolean any = read(sockstat);
        any |= read(sockstat6);
        if (!any) {
            throw new NoSuchFileException(sockstat != null ? sockstat.name() : sockstat6.name());
        }
        stamp++;
        for (int i = 0; i < values.count; i++) {
            Entry e = entry(values.keys[i]);
            if (e.stamp == stamp) {
                continue; // a repeated line: first one wins
            }
            e.stamp = stamp;
            sink.family(e.family);
            sink.sample(values.values[i]);
            if (e.bytesFamily != null) {
                sink.family(e.bytesFamily);
                sink.sample((double) values.values[i] * pageSize);
            }
        }
    }

    private boolean read(PseudoFile f) throws java.io.IOException {
        if (f == null) {
            return false;
        }
        try {
            int n = f.read();
            parser.parse(f.name(), f.bytes(), n, values, errors);
            return true;
        } catch (NoSuchFileException e) {
            return false; // IPv6 disabled, or IPv4 gone: node_exporter skips it too
        }
    }

    private Entry entry(String key) {
        Entry e = entries.get(key);
        if (e == null) {
            int us = key.indexOf('_');
            String proto = key.substring(0, us);
            String state = key.substring(us + 1);
            MetricFamily f = key.equals("sockets_used")
                    ? MetricFamily.gauge("node_sockstat_sockets_used", "Number of IPv4 sockets in use.")
                    : MetricFamily.gauge("node_sockstat_" + key,
                            "Number of " + proto + " sockets in state " + state + ".");
            MetricFamily bytes = state.equals("mem") ? MetricFamily.gauge("node_sockstat_" + key + "_bytes",
                    "Number of " + proto + " sockets in state mem_bytes.") : null;
            e = new Entry(f, bytes);
            entries.put(key, e);
        }
        return e;
    }

    @Override
    public void close() {
        if (sockstat != null) {
            sockstat.close();
        }
        if (sockstat6 != null) {
            sockstat6.close();
        }
    }

    /** Registered in META-INF/services. */
    public static final class Factory implements CollectorFactory {
        @Override
        public String name() {
            return "sockstat";
        }

        @Override
        public String description() {
            return "Socket counts and memory from /proc/net/sockstat and /proc/net/sockstat6.";
        }

        @Override
        public Collector create(CollectorContext ctx) throws CollectorUnavailableException {
            Path v4 = ctx.paths().proc("net/sockstat");
            Path v6 = ctx.paths().proc("net/sockstat6");
            if (!Files.exists(v4) && !Files.exists(v6)) {
                ctx.requireFile(v4, "kernel without IPv4 and IPv6 networking");
            }
            return new SockStatCollector(Files.exists(v4) ? new PseudoFile(v4) : null,
                    Files.exists(v6) ? new PseudoFile(v6) : null, PageSize.BYTES, ctx.errors());
        }
    }
}
