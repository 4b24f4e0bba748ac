package dev.ktel.collectors.proc.netdev;

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
import java.util.List;

/**
 * Per-interface counters from /proc/net/dev, with node_exporter's names ({@code --no-collector.netdev.netlink}
 * flavour): {@code node_network_{receive,transmit}_*_total{device}}. Receive and transmit drops feed the
 * packet-drop SLI.
 */
public final class NetDevCollector implements Collector {
    private static final String[] KEYS = {"receive_bytes", "receive_packets", "receive_errs", "receive_drop",
        "receive_fifo", "receive_frame", "receive_compressed", "receive_multicast", "transmit_bytes",
        "transmit_packets", "transmit_errs", "transmit_drop", "transmit_fifo", "transmit_colls", "transmit_carrier",
        "transmit_compressed"};
    static final MetricFamily[] FAMILIES = new MetricFamily[KEYS.length];

    static {
        for (int i = 0; i < KEYS.length; i++) {
            FAMILIES[i] = MetricFamily.counter("node_network_" + KEYS[i] + "_total",
                    "Network device statistic " + KEYS[i] + ".", "device");
        }
    }

    private final PseudoFile file;
    private final DeviceFilter filter;
    private final ParseErrors errors;
    private final NetDevParser parser = new NetDevParser();
    private final NetDevStats stats = new NetDevStats();

    NetDevCollector(PseudoFile file, DeviceFilter filter, ParseErrors errors) {
        this.file = file;
        this.filter = filter;
        this.errors = errors;
    }

    @Override
    public void collect(MetricSink sink) throws Exception {
        int n = file.read();
        parser.parse(file.name(), file.bytes(), n, stats, errors);
        for (int c = 0; c < FAMILIES.length; c++) {
            sink.family(FAMILIES[c]);
            for (int d = 0; d < stats.count; d++) {
                String device = stats.devices[d];
                if (!filter.ignored(device)) {
                    sink.sample(device, stats.values[d][c]);
                }
            }
        }
    }

    @Override
    public void close() {
        file.close();
    }

    /** Registered in META-INF/services. */
    public static final class Factory implements CollectorFactory {
        @Override
        public String name() {
            return "netdev";
        }

        @Override
        public String description() {
            return "Network interface counters (bytes, packets, errors, drops) from /proc/net/dev.";
        }

        @Override
        public List<CollectorOption> options() {
            return List.of(
                    new CollectorOption("device-include", "",
                            "Regexp of net devices to include (mutually exclusive to device-exclude)."),
                    new CollectorOption("device-exclude", "",
                            "Regexp of net devices to exclude (mutually exclusive to device-include)."));
        }

        @Override
        public Collector create(CollectorContext ctx) throws CollectorUnavailableException {
            DeviceFilter filter = DeviceFilter.fromOptions(ctx);
            return new NetDevCollector(
                    PseudoFile.completeBelow(ctx.requireFile(ctx.paths().proc("net/dev"), null), 8192, 512), filter,
                    ctx.errors());
        }
    }
}
