package dev.ktel.collectors.proc.udpqueues;

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

/** {@code node_udp_queues{queue,ip}}: bytes queued in UDP sockets, from /proc/net/udp and udp6. */
public final class UdpQueuesCollector implements Collector {
    static final MetricFamily QUEUES = MetricFamily.gauge("node_udp_queues",
            "Number of allocated memory in the kernel for UDP datagrams in bytes.", "queue", "ip");

    private final PseudoFile udp;
    private final PseudoFile udp6;
    private final ParseErrors errors;
    private final UdpQueuesParser parser = new UdpQueuesParser();
    private final UdpQueues v4 = new UdpQueues();
    private final UdpQueues v6 = new UdpQueues();

    UdpQueuesCollector(PseudoFile udp, PseudoFile udp6, ParseErrors errors) {
        this.udp = udp;
        this.udp6 = udp6;
        this.errors = errors;
    }

    @Override
    public void collect(MetricSink sink) throws Exception {
        boolean has4 = read(udp, v4);
        boolean has6 = read(udp6, v6);
        if (!has4 && !has6) {
            throw new NoSuchFileException(udp != null ? udp.name() : udp6.name());
        }
        sink.family(QUEUES);
        if (has4) {
            sink.sample("tx", "v4", v4.txQueue);
            sink.sample("rx", "v4", v4.rxQueue);
        }
        if (has6) {
            sink.sample("tx", "v6", v6.txQueue);
            sink.sample("rx", "v6", v6.rxQueue);
        }
    }

    private boolean read(PseudoFile f, UdpQueues into) throws java.io.IOException {
        if (f == null) {
            return false;
        }
        try {
            int n = f.read();
            parser.parse(f.name(), f.bytes(), n, into, errors);
            return true;
        } catch (NoSuchFileException e) {
            return false;
        }
    }

    @Override
    public void close() {
        if (udp != null) {
            udp.close();
        }
        if (udp6 != null) {
            udp6.close();
        }
    }

    /** Registered in META-INF/services. */
    public static final class Factory implements CollectorFactory {
        @Override
        public String name() {
            return "udp_queues";
        }

        @Override
        public String description() {
            return "Bytes queued in UDP sockets (tx/rx, IPv4/IPv6) from /proc/net/udp and /proc/net/udp6.";
        }

        @Override
        public Collector create(CollectorContext ctx) throws CollectorUnavailableException {
            Path v4 = ctx.paths().proc("net/udp");
            Path v6 = ctx.paths().proc("net/udp6");
            if (!Files.exists(v4) && !Files.exists(v6)) {
                ctx.requireFile(v4, "kernel without IPv4 and IPv6 networking");
            }
            return new UdpQueuesCollector(Files.exists(v4) ? PseudoFile.completeBelow(v4, 16384, 512) : null,
                    Files.exists(v6) ? PseudoFile.completeBelow(v6, 16384, 512) : null, ctx.errors());
        }
    }
}
