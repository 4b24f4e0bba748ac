package dev.ktel.collectors.sys.netclass;

import dev.ktel.collectors.Collector;
import dev.ktel.collectors.CollectorContext;
import dev.ktel.collectors.CollectorFactory;
import dev.ktel.collectors.CollectorOption;
import dev.ktel.collectors.CollectorUnavailableException;
import dev.ktel.collectors.PseudoFile;
import dev.ktel.core.metric.MetricFamily;
import dev.ktel.core.metric.MetricSink;
import dev.ktel.core.text.ParseErrors;
import dev.ktel.core.text.ProcParseException;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Interface state from /sys/class/net/&lt;iface&gt;/ as node_exporter's netclass collector: operstate
 * ({@code node_network_up}), addresses and duplex ({@code node_network_info}), carrier and carrier changes
 * (link flaps), MTU, speed, queue length and the other numeric attributes. Attributes a device lacks or
 * refuses to report (EINVAL for speed/duplex on a link that is down or on lo) are skipped, and not tried again
 * until the device's operstate, flags or carrier change. The directory is re-listed every few seconds (a new
 * interface shows up within that time); a removed interface fails its reads and is dropped at once.
 */
public final class NetClassCollector implements Collector {
    /** Numeric attributes: file name, metric suffix, counter or gauge; in node_exporter's emit order. */
    private static final String[][] NUMERIC = {
        {"addr_assign_type", "address_assign_type", "g"},
        {"carrier", "carrier", "g"},
        {"carrier_changes", "carrier_changes_total", "c"},
        {"carrier_up_count", "carrier_up_changes_total", "c"},
        {"carrier_down_count", "carrier_down_changes_total", "c"},
        {"dev_id", "device_id", "g"},
        {"dormant", "dormant", "g"},
        {"flags", "flags", "g"},
        {"ifindex", "iface_id", "g"},
        {"iflink", "iface_link", "g"},
        {"link_mode", "iface_link_mode", "g"},
        {"mtu", "mtu_bytes", "g"},
        {"name_assign_type", "name_assign_type", "g"},
        {"netdev_group", "net_dev_group", "g"},
        {"speed", "speed_bytes", "g"},
        {"tx_queue_len", "transmit_queue_length", "g"},
        {"type", "protocol_type", "g"},
    };
    private static final int CARRIER = 1;
    private static final int DORMANT = 6;
    private static final int FLAGS = 7;
    private static final int SPEED = 14;
    private static final String[] STRINGS = {"address", "broadcast", "duplex", "operstate", "ifalias"};
    private static final int ADDRESS = 0;
    private static final int BROADCAST = 1;
    private static final int DUPLEX = 2;
    private static final int OPERSTATE = 3;
    private static final int IFALIAS = 4;
    private static final long IFF_UP = 1;

    static final MetricFamily UP = MetricFamily.gauge("node_network_up",
            "Value is 1 if operstate is 'up', 0 otherwise.", "device");
    static final MetricFamily INFO = MetricFamily.gauge("node_network_info",
            "Non-numeric data from /sys/class/net/<iface>, value is always 1.",
            "device", "address", "broadcast", "duplex", "operstate", "adminstate", "ifalias");
    static final MetricFamily[] FAMILIES = new MetricFamily[NUMERIC.length];

    static {
        for (int i = 0; i < NUMERIC.length; i++) {
            String name = "node_network_" + NUMERIC[i][1];
            String help = "Network device property: " + NUMERIC[i][1];
            FAMILIES[i] = NUMERIC[i][2].equals("c") ? MetricFamily.counter(name, help, "device")
                    : MetricFamily.gauge(name, help, "device");
        }
    }

    /** One interface: its kept-open attribute files, the attributes it refuses, and the values of the last read. */
    private static final class Device {
        final String name;
        final Path dir;
        final PseudoFile[] numericFiles = new PseudoFile[NUMERIC.length];
        final PseudoFile[] stringFiles = new PseudoFile[STRINGS.length];
        final long[] numbers = new long[NUMERIC.length];
        final boolean[] present = new boolean[NUMERIC.length];
        final String[] strings = new String[STRINGS.length];
        // Attributes that failed to read (absent, or EINVAL such as speed on lo): not retried until the
        // state they were refused in (operstate, flags, carrier) changes.
        final boolean[] refusedNumeric = new boolean[NUMERIC.length];
        final boolean[] refusedString = new boolean[STRINGS.length];
        String refusedOperstate;
        long refusedFlags;
        long refusedCarrier;
        int seen;

        Device(String name, Path dir) {
            this.name = name;
            this.dir = dir;
            for (int i = 0; i < NUMERIC.length; i++) {
                numericFiles[i] = new PseudoFile(dir.resolve(NUMERIC[i][0]), 64);
            }
            for (int i = 0; i < STRINGS.length; i++) {
                stringFiles[i] = new PseudoFile(dir.resolve(STRINGS[i]), 128);
            }
        }

        void forgetRefusals() {
            java.util.Arrays.fill(refusedNumeric, false);
            java.util.Arrays.fill(refusedString, false);
        }

        /** Re-probes refused attributes when the link state differs from when they were refused. */
        void checkState() {
            long flags = present[FLAGS] ? numbers[FLAGS] : Long.MIN_VALUE;
            long carrier = present[CARRIER] ? numbers[CARRIER] : Long.MIN_VALUE;
            String operstate = strings[OPERSTATE];
            if (flags != refusedFlags || carrier != refusedCarrier || operstate != refusedOperstate) {
                forgetRefusals();
                refusedFlags = flags;
                refusedCarrier = carrier;
                refusedOperstate = operstate;
            }
        }

        void close() {
            for (PseudoFile f : numericFiles) {
                f.close();
            }
            for (PseudoFile f : stringFiles) {
                f.close();
            }
        }
    }

    /** How often the interface directory is re-listed to pick up new interfaces. */
    static final long RELIST_NANOS = 5_000_000_000L;

    private final Path dir;
    private final Pattern ignored;
    private final boolean ignoreInvalidSpeed;
    private final ParseErrors errors;
    private final long relistNanos;
    private final NetClassAttributeParser parser = new NetClassAttributeParser();
    private final Map<String, Device> devices = new HashMap<>();
    private final List<Device> current = new ArrayList<>();
    private final String[] infoLabels = new String[7];
    private int stamp;
    private boolean listed;
    private long listedAt;

    NetClassCollector(Path dir, Pattern ignored, boolean ignoreInvalidSpeed, ParseErrors errors) {
        this(dir, ignored, ignoreInvalidSpeed, errors, RELIST_NANOS);
    }

    NetClassCollector(Path dir, Pattern ignored, boolean ignoreInvalidSpeed, ParseErrors errors, long relistNanos) {
        this.dir = dir;
        this.ignored = ignored;
        this.ignoreInvalidSpeed = ignoreInvalidSpeed;
        this.errors = errors;
        this.relistNanos = relistNanos;
    }

    @Override
    public void collect(MetricSink sink) throws Exception {
        long now = System.nanoTime();
        if (!listed || now - listedAt >= relistNanos) {
            list(now);
        }
        if (!readAll()) {
            list(now); // an interface went away: drop it (and pick up any newcomer) right now
            readAll();
        }
        sink.family(UP);
        for (int di = 0, dn = current.size(); di < dn; di++) {
            Device d = current.get(di);
            sink.sample(d.name, "up".equals(d.strings[OPERSTATE]) ? 1 : 0);
        }
        sink.family(INFO);
        for (int di = 0, dn = current.size(); di < dn; di++) {
            Device d = current.get(di);
            infoLabels[0] = d.name;
            infoLabels[1] = orEmpty(d.strings[ADDRESS]);
            infoLabels[2] = orEmpty(d.strings[BROADCAST]);
            infoLabels[3] = orEmpty(d.strings[DUPLEX]);
            infoLabels[4] = orEmpty(d.strings[OPERSTATE]);
            infoLabels[5] = !d.present[FLAGS] ? "unknown" : (d.numbers[FLAGS] & IFF_UP) != 0 ? "up" : "down";
            infoLabels[6] = orEmpty(d.strings[IFALIAS]);
            sink.sample(infoLabels, 1);
        }
        for (int a = 0; a < NUMERIC.length; a++) {
            sink.family(FAMILIES[a]);
            for (int di = 0, dn = current.size(); di < dn; di++) {
                Device d = current.get(di);
                if (!d.present[a]) {
                    continue;
                }
                if (a == SPEED) {
                    // Mbit/s to bytes/s; -1 means unknown (node_exporter keeps it unless ignore-invalid-speed).
                    if (d.numbers[a] >= 0 || !ignoreInvalidSpeed) {
                        sink.sample(d.name, d.numbers[a] * 1000 * 1000 / 8);
                    }
                } else {
                    sink.sample(d.name, d.numbers[a]);
                }
            }
        }
    }

    /** Reads every listed interface; false when one of them has gone away since the listing. */
    private boolean readAll() {
        boolean all = true;
        for (int di = 0, dn = current.size(); di < dn; di++) {
            Device d = current.get(di);
            all &= read(d);
        }
        return all;
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }

    /** Re-lists the directory: new devices get files, vanished ones are closed. */
    private void list(long now) throws IOException {
        listed = true;
        listedAt = now;
        stamp++;
        current.clear();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path p : entries) {
                String name = p.getFileName().toString();
                Device d = devices.get(name);
                if (d == null) {
                    if ((ignored != null && ignored.matcher(name).find()) || !Files.isDirectory(p)) {
                        continue; // ignored, or a plain file such as bonding_masters
                    }
                    d = new Device(name, p);
                    devices.put(name, d);
                }
                d.seen = stamp;
                current.add(d);
            }
        }
        for (Iterator<Device> it = devices.values().iterator(); it.hasNext();) {
            Device d = it.next();
            if (d.seen != stamp) {
                d.close();
                it.remove();
            }
        }
        current.sort(BY_NAME);
    }

    private static final Comparator<Device> BY_NAME = Comparator.comparing(d -> d.name);

    /** Reads one interface; false when it no longer exists. */
    private boolean read(Device d) {
        PseudoFile op = d.stringFiles[OPERSTATE];
        int n = readOrSkip(op);
        if (n < 0) {
            // A device re-created under the same name leaves the old descriptor failing: reopen once.
            n = readOrSkip(op);
            if (n < 0 && !Files.isDirectory(d.dir)) {
                return false;
            }
            d.forgetRefusals();
        }
        d.strings[OPERSTATE] = n < 0 ? null : parser.string(op.bytes(), n);
        readNumeric(d, FLAGS);
        d.checkState();
        // The kernel answers EINVAL for these while the device is not running (administratively down):
        // skip them then instead of failing the read on every scrape.
        boolean down = d.present[FLAGS] && (d.numbers[FLAGS] & IFF_UP) == 0;
        for (int i = 0; i < NUMERIC.length; i++) {
            if (i == FLAGS) {
                continue;
            }
            if ((down && (i == CARRIER || i == DORMANT || i == SPEED)) || d.refusedNumeric[i]) {
                d.present[i] = false;
                continue;
            }
            readNumeric(d, i);
        }
        for (int i = 0; i < STRINGS.length; i++) {
            if (i == OPERSTATE) {
                continue;
            }
            if ((down && i == DUPLEX) || d.refusedString[i]) {
                d.strings[i] = null;
                continue;
            }
            PseudoFile f = d.stringFiles[i];
            n = readOrSkip(f);
            d.refusedString[i] = n < 0;
            d.strings[i] = n < 0 ? null : parser.string(f.bytes(), n);
        }
        return true;
    }

    private void readNumeric(Device d, int i) {
        PseudoFile f = d.numericFiles[i];
        d.present[i] = false;
        int n = readOrSkip(f);
        if (n < 0) {
            d.refusedNumeric[i] = i != FLAGS;
            return;
        }
        try {
            d.numbers[i] = parser.integer(f.name(), f.bytes(), n);
            d.present[i] = true;
        } catch (ProcParseException e) {
            errors.report(e);
        }
    }

    /** Bytes read, or -1 when the attribute is absent or refuses reads (EINVAL on a down link, EACCES). */
    private static int readOrSkip(PseudoFile f) {
        return f.tryRead();
    }

    @Override
    public void close() {
        for (Device d : devices.values()) {
            d.close();
        }
        devices.clear();
    }

    /** Registered in META-INF/services. */
    public static final class Factory implements CollectorFactory {
        @Override
        public String name() {
            return "netclass";
        }

        @Override
        public String description() {
            return "Network interface state (up, carrier, speed, MTU, addresses) from /sys/class/net.";
        }

        @Override
        public List<CollectorOption> options() {
            return List.of(
                    new CollectorOption("ignored-devices", "^$",
                            "Regexp of net devices to ignore for netclass collector."),
                    new CollectorOption("ignore-invalid-speed", "false",
                            "Ignore devices where the speed is invalid (-1)."));
        }

        @Override
        public Collector create(CollectorContext ctx) throws CollectorUnavailableException {
            Path dir = ctx.requireFile(ctx.paths().sys("class/net"), "sysfs not mounted");
            return new NetClassCollector(dir, ctx.regexOption("ignored-devices", "^$"),
                    ctx.booleanOption("ignore-invalid-speed", false), ctx.errors());
        }
    }
}
