package dev.ktel.collectors.proc.conntrack;

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

/**
 * Connection tracking table use and limit from /proc/sys/net/netfilter/nf_conntrack_{count,max}, and the
 * per-CPU event counters of /proc/net/stat/nf_conntrack summed, as node_exporter's conntrack collector
 * (whose {@code node_nf_conntrack_stat_*} are gauges although they only grow).
 */
public final class ConntrackCollector implements Collector {
    static final MetricFamily ENTRIES = MetricFamily.gauge("node_nf_conntrack_entries",
            "Number of currently allocated flow entries for connection tracking.");
    static final MetricFamily LIMIT = MetricFamily.gauge("node_nf_conntrack_entries_limit",
            "Maximum size of connection tracking table.");
    static final MetricFamily[] STAT = {
        MetricFamily.gauge("node_nf_conntrack_stat_found", "Number of searched entries which were successful."),
        MetricFamily.gauge("node_nf_conntrack_stat_invalid", "Number of packets seen which can not be tracked."),
        MetricFamily.gauge("node_nf_conntrack_stat_ignore",
                "Number of packets seen which are already connected to a conntrack entry."),
        MetricFamily.gauge("node_nf_conntrack_stat_insert", "Number of entries inserted into the list."),
        MetricFamily.gauge("node_nf_conntrack_stat_insert_failed",
                "Number of entries for which list insertion was attempted but failed."),
        MetricFamily.gauge("node_nf_conntrack_stat_drop", "Number of packets dropped due to conntrack failure."),
        MetricFamily.gauge("node_nf_conntrack_stat_early_drop",
                "Number of dropped conntrack entries to make room for new ones, if maximum table size was reached."),
        MetricFamily.gauge("node_nf_conntrack_stat_search_restart",
                "Number of conntrack table lookups which had to be restarted due to hashtable resizes."),
    };

    private final PseudoFile count;
    private final PseudoFile max;
    private final PseudoFile stat;
    private final ParseErrors errors;
    private final ConntrackStatParser parser = new ConntrackStatParser();
    private final ConntrackStat stats = new ConntrackStat();

    ConntrackCollector(PseudoFile count, PseudoFile max, PseudoFile stat, ParseErrors errors) {
        this.count = count;
        this.max = max;
        this.stat = stat;
        this.errors = errors;
    }

    @Override
    public void collect(MetricSink sink) throws Exception {
        long entries = count.readLong();
        long limit = max.readLong();
        sink.family(ENTRIES);
        sink.sample(entries);
        sink.family(LIMIT);
        sink.sample(limit);
        if (stat == null) {
            return;
        }
        int n;
        try {
            n = stat.read();
        } catch (NoSuchFileException e) {
            return;
        }
        parser.parse(stat.name(), stat.bytes(), n, stats, errors);
        for (int s = 0; s < STAT.length; s++) {
            if (stats.present[s]) {
                sink.family(STAT[s]);
                sink.sample(stats.sums[s]);
            }
        }
    }

    @Override
    public void close() {
        count.close();
        max.close();
        if (stat != null) {
            stat.close();
        }
    }

    /** Registered in META-INF/services. */
    public static final class Factory implements CollectorFactory {
        @Override
        public String name() {
            return "conntrack";
        }

        @Override
        public String description() {
            return "Netfilter connection tracking entries, limit and event counters.";
        }

        @Override
        public Collector create(CollectorContext ctx) throws CollectorUnavailableException {
            String why = "nf_conntrack module not loaded";
            Path c = ctx.requireFile(ctx.paths().proc("sys/net/netfilter/nf_conntrack_count"), why);
            Path m = ctx.requireFile(ctx.paths().proc("sys/net/netfilter/nf_conntrack_max"), why);
            Path s = ctx.paths().proc("net/stat/nf_conntrack");
            return new ConntrackCollector(new PseudoFile(c, 64), new PseudoFile(m, 64),
                    Files.exists(s) ? PseudoFile.completeBelow(s, 4096, 512) : null, ctx.errors());
        }
    }
}
