package dev.ktel.collectors.proc.arp;

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

/** {@code node_arp_entries{device}} from /proc/net/arp, as node_exporter with {@code --no-collector.arp.netlink}. */
public final class ArpCollector implements Collector {
    static final MetricFamily ENTRIES = MetricFamily.gauge("node_arp_entries", "ARP entries by device", "device");

    private final PseudoFile file;
    private final DeviceFilter filter;
    private final ParseErrors errors;
    private final ArpParser parser = new ArpParser();
    private final ArpEntries entries = new ArpEntries();

    ArpCollector(PseudoFile file, DeviceFilter filter, ParseErrors errors) {
        this.file = file;
        this.filter = filter;
        this.errors = errors;
    }

    @Override
    public void collect(MetricSink sink) throws Exception {
        int n = file.read();
        parser.parse(file.name(), file.bytes(), n, entries, errors);
        sink.family(ENTRIES);
        for (int i = 0; i < entries.count; i++) {
            if (!filter.ignored(entries.devices[i])) {
                sink.sample(entries.devices[i], entries.entries[i]);
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
            return "arp";
        }

        @Override
        public String description() {
            return "ARP (IPv4 neighbour) entries per device from /proc/net/arp.";
        }

        @Override
        public List<CollectorOption> options() {
            return List.of(
                    new CollectorOption("device-include", "",
                            "Regexp of arp devices to include (mutually exclusive to device-exclude)."),
                    new CollectorOption("device-exclude", "",
                            "Regexp of arp devices to exclude (mutually exclusive to device-include)."));
        }

        @Override
        public Collector create(CollectorContext ctx) throws CollectorUnavailableException {
            DeviceFilter filter = DeviceFilter.fromOptions(ctx);
            return new ArpCollector(
                    PseudoFile.completeBelow(ctx.requireFile(ctx.paths().proc("net/arp"), null), 8192, 256), filter,
                    ctx.errors());
        }
    }
}
