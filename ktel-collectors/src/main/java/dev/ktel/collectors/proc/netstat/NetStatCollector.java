package dev.ktel.collectors.proc.netstat;

import dev.ktel.collectors.Collector;
import dev.ktel.collectors.CollectorContext;
import dev.ktel.collectors.CollectorFactory;
import dev.ktel.collectors.CollectorOption;
import dev.ktel.collectors.CollectorUnavailableException;
import dev.ktel.collectors.PseudoFile;
import dev.ktel.core.metric.MetricFamily;
import dev.ktel.core.metric.MetricSink;
import dev.ktel.core.text.ParseErrors;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * IP, ICMP, TCP and UDP stack counters from /proc/net/netstat, /proc/net/snmp and /proc/net/snmp6 as
 * {@code node_netstat_<Proto>_<Field>} (untyped), filtered by node_exporter's {@code fields} regex. The
 * default keeps TCP retransmits and timeouts, listen queue overflows/drops, SYN cookies and UDP buffer errors.
 */
public final class NetStatCollector implements Collector {
    /** node_exporter's default {@code --collector.netstat.fields}. */
    public static final String DEFAULT_FIELDS = "^(.*_(InErrors|InErrs)|Ip_Forwarding|Ip(6|Ext)_(InOctets|OutOctets)"
            + "|Icmp6?_(InMsgs|OutMsgs)|TcpExt_(Listen.*|Syncookies.*|TCPSynRetrans|TCPTimeouts|TCPOFOQueue|TCPRcvQDrop)"
            + "|Tcp_(ActiveOpens|InSegs|OutSegs|OutRsts|PassiveOpens|RetransSegs|CurrEstab)"
            + "|Udp6?_(InDatagrams|OutDatagrams|NoPorts|RcvbufErrors|SndbufErrors))$";

    /** Per key: its family (null when filtered out) and the collection that last wrote it. */
    private static final class Entry {
        final MetricFamily family;
        int stamp;

        Entry(MetricFamily family) {
            this.family = family;
        }
    }

    private final PseudoFile netstat;
    private final PseudoFile snmp;
    private final PseudoFile snmp6;
    private final Pattern fields;
    private final ParseErrors errors;
    private final NetStatParser parser = new NetStatParser();
    private final NetStatValues values = new NetStatValues();
    private final Map<String, Entry> entries = new HashMap<>();
    private int stamp;
    // The keys of the last scrape in file order with the family each resolved to (null: filtered out or a
    // repeat): while the kernel prints the same keys (the same cached String instances), no map lookup.
    private String[] planKeys = new String[0];
    private MetricFamily[] plan = new MetricFamily[0];
    private int planCount = -1;

    NetStatCollector(PseudoFile netstat, PseudoFile snmp, PseudoFile snmp6, Pattern fields, ParseErrors errors) {
        this.netstat = netstat;
        this.snmp = snmp;
        this.snmp6 = snmp6;
        this.fields = fields;
        this.errors = errors;
    }

    @Override
    public void collect(MetricSink sink) throws Exception {
        values.clear();
        int read = 0;
        if (netstat != null && readable(netstat)) {
            parser.parsePairs(netstat.name(), netstat.bytes(), netstat.length(), values, errors);
            read++;
        }
        if (snmp != null && readable(snmp)) {
            parser.parsePairs(snmp.name(), snmp.bytes(), snmp.length(), values, errors);
            read++;
        }
        if (snmp6 != null && readable(snmp6)) { // absent when IPv6 is disabled
            parser.parseSnmp6(snmp6.name(), snmp6.bytes(), snmp6.length(), values, errors);
            read++;
        }
        if (read == 0) {
            throw new NoSuchFileException(snmp != null ? snmp.name() : netstat.name());
        }
        if (!samePlan()) {
            plan();
        }
        for (int i = 0; i < values.count; i++) {
            MetricFamily f = plan[i];
            if (f != null) {
                sink.family(f);
                sink.sample(values.values[i]);
            }
        }
    }

    private boolean samePlan() {
        if (values.count != planCount) {
            return false;
        }
        String[] keys = values.keys;
        for (int i = 0; i < planCount; i++) {
            if (keys[i] != planKeys[i]) {
                return false;
            }
        }
        return true;
    }

    private void plan() {
        int n = values.count;
        if (planKeys.length < n) {
            planKeys = new String[values.keys.length];
            plan = new MetricFamily[values.keys.length];
        }
        stamp++;
        for (int i = 0; i < n; i++) {
            Entry e = entry(values.keys[i]);
            planKeys[i] = values.keys[i];
            if (e.family == null || e.stamp == stamp) {
                plan[i] = null; // filtered out, or a duplicate key (first one wins)
                continue;
            }
            e.stamp = stamp;
            plan[i] = e.family;
        }
        planCount = n;
    }

    private static boolean readable(PseudoFile f) throws java.io.IOException {
        try {
            f.read();
            return true;
        } catch (NoSuchFileException e) {
            return false;
        }
    }

    private Entry entry(String key) {
        Entry e = entries.get(key);
        if (e == null) {
            MetricFamily family = null;
            if (fields == null || fields.matcher(key).find()) {
                try {
                    family = MetricFamily.untyped("node_netstat_" + key,
                            "Statistic " + key.replaceFirst("_", "") + ".");
                } catch (IllegalArgumentException invalidName) {
                    family = null; // a key that is not a valid metric name: skip it
                }
            }
            e = new Entry(family);
            entries.put(key, e);
        }
        return e;
    }

    @Override
    public void close() {
        for (PseudoFile f : new PseudoFile[] {netstat, snmp, snmp6}) {
            if (f != null) {
                f.close();
            }
        }
    }

    /** Registered in META-INF/services. */
    public static final class Factory implements CollectorFactory {
        @Override
        public String name() {
            return "netstat";
        }

        @Override
        public String description() {
            return "IP/TCP/UDP stack counters from /proc/net/netstat, /proc/net/snmp and /proc/net/snmp6.";
        }

        @Override
        public List<CollectorOption> options() {
            return List.of(new CollectorOption("fields", DEFAULT_FIELDS,
                    "Regexp of fields (Proto_Field) to return for the netstat collector."));
        }

        @Override
        public Collector create(CollectorContext ctx) throws CollectorUnavailableException {
            Path netstat = ctx.paths().proc("net/netstat");
            Path snmp = ctx.paths().proc("net/snmp");
            Path snmp6 = ctx.paths().proc("net/snmp6");
            if (!Files.exists(netstat) && !Files.exists(snmp)) {
                ctx.requireFile(snmp, "kernel without IPv4 networking");
            }
            return new NetStatCollector(
                    Files.exists(netstat) ? new PseudoFile(netstat, 16384) : null,
                    Files.exists(snmp) ? new PseudoFile(snmp, 8192) : null,
                    Files.exists(snmp6) ? new PseudoFile(snmp6, 8192) : null,
                    ctx.regexOption("fields", DEFAULT_FIELDS), ctx.errors());
        }
    }
}
