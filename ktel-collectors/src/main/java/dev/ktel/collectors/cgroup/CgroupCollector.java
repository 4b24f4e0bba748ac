package dev.ktel.collectors.cgroup;

import dev.ktel.collectors.PseudoFile;

import dev.ktel.collectors.Collector;
import dev.ktel.collectors.CollectorContext;
import dev.ktel.collectors.CollectorFactory;
import dev.ktel.collectors.CollectorOption;
import dev.ktel.collectors.CollectorUnavailableException;
import dev.ktel.core.event.CorrelationKey;
import dev.ktel.core.metric.MetricFamily;
import dev.ktel.core.metric.MetricSink;
import dev.ktel.core.text.ParseErrors;
import dev.ktel.core.text.ProcParseException;
import dev.ktel.core.text.TextScanner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Per-cgroup CPU, memory, I/O, pids and PSI under cAdvisor's metric names, on cgroup v1, v2 and hybrid hosts.
 *
 * <p>Labels of every per-cgroup series: {@code id} (cgroup path), {@code name}, {@code image} (always "": no
 * runtime API is queried), {@code container}, {@code pod}, {@code namespace} (Kubernetes, when known),
 * {@code container_id} and {@code hierarchy}: where the value was read, {@code v1:<controller>} or {@code v2}.
 * Each signal has one source per cgroup, so {@code hierarchy} never splits a series: a v1 controller when the
 * controller is mounted as v1 (cpuacct for usage, cpu for CFS throttling, memory, blkio, pids), otherwise the
 * cgroup2 tree. PSI exists only in the cgroup2 tree (4.20+). {@code ktel_cgroup_info} carries the whole
 * correlation key (runtime, pod uid, QoS class) once per cgroup.
 *
 * <p>Cost: the hierarchies are walked only every {@code rediscover-interval} (default 30s), so a new cgroup
 * appears within that interval. Each walk fixes, per cgroup, the files it is read from (kept open, re-read
 * with pread on every collection: values are never cached) and the label arrays. A cgroup removed between
 * walks is noticed when its kept file is gone: it is dropped from that collection and the next one walks again.
 */
public final class CgroupCollector implements Collector {
    private static final String[] BASE = {"id", "name", "image", "container", "pod", "namespace", "container_id",
        "hierarchy"};
    private static final int HIER = 7;

    static final MetricFamily CPU_USAGE = MetricFamily.counter("container_cpu_usage_seconds_total",
            "Cumulative cpu time consumed in seconds.", with("cpu"));
    static final MetricFamily CPU_USER = MetricFamily.counter("container_cpu_user_seconds_total",
            "Cumulative user cpu time consumed in seconds.", BASE);
    static final MetricFamily CPU_SYSTEM = MetricFamily.counter("container_cpu_system_seconds_total",
            "Cumulative system cpu time consumed in seconds.", BASE);
    static final MetricFamily CFS_PERIODS = MetricFamily.counter("container_cpu_cfs_periods_total",
            "Number of elapsed enforcement period intervals.", BASE);
    static final MetricFamily CFS_THROTTLED_PERIODS = MetricFamily.counter(
            "container_cpu_cfs_throttled_periods_total", "Number of throttled period intervals.", BASE);
    static final MetricFamily CFS_THROTTLED_SECONDS = MetricFamily.counter(
            "container_cpu_cfs_throttled_seconds_total", "Total time duration the container has been throttled.",
            BASE);
    static final MetricFamily SPEC_CPU_QUOTA = MetricFamily.gauge("container_spec_cpu_quota",
            "CPU quota of the container (microseconds per period); absent when unlimited.", BASE);
    static final MetricFamily SPEC_CPU_PERIOD = MetricFamily.gauge("container_spec_cpu_period",
            "CPU period of the container (microseconds).", BASE);
    static final MetricFamily MEM_USAGE = MetricFamily.gauge("container_memory_usage_bytes",
            "Current memory usage in bytes, including all memory regardless of when it was accessed.", BASE);
    static final MetricFamily MEM_WORKING_SET = MetricFamily.gauge("container_memory_working_set_bytes",
            "Current working set in bytes (usage minus inactive file cache).", BASE);
    static final MetricFamily MEM_RSS = MetricFamily.gauge("container_memory_rss",
            "Size of RSS (anonymous memory) in bytes.", BASE);
    static final MetricFamily MEM_CACHE = MetricFamily.gauge("container_memory_cache",
            "Number of bytes of page cache memory.", BASE);
    static final MetricFamily MEM_LIMIT = MetricFamily.gauge("container_spec_memory_limit_bytes",
            "Memory limit for the container in bytes; 0 when unlimited.", BASE);
    static final MetricFamily MEM_FAILCNT = MetricFamily.counter("container_memory_failcnt",
            "Number of memory usage hits limits (v1 memory.failcnt, v2 memory.events max).", BASE);
    static final MetricFamily OOM_EVENTS = MetricFamily.counter("container_oom_events_total",
            "Count of out of memory events observed for the container (OOM kills in the cgroup).", BASE);
    static final MetricFamily MEM_EVENTS = MetricFamily.counter("ktel_cgroup_memory_events_total",
            "Memory events of the cgroup by event: v2 memory.events (low, high, max, oom, oom_kill, "
                    + "oom_group_kill); v1 memory.oom_control oom_kill.", with("event"));
    static final MetricFamily BLKIO_BYTES = MetricFamily.counter("container_blkio_device_usage_total",
            "Blkio device bytes usage.", with("device", "major", "minor", "operation"));
    static final MetricFamily BLKIO_IOS = MetricFamily.counter("ktel_cgroup_blkio_device_ios_total",
            "Blkio device I/O operations (v1 io_serviced, v2 io.stat rios/wios/dios).",
            with("device", "major", "minor", "operation"));
    static final MetricFamily PIDS_CURRENT = MetricFamily.gauge("ktel_cgroup_pids_current",
            "Number of tasks in the cgroup (pids.current).", BASE);
    static final MetricFamily PIDS_LIMIT = MetricFamily.gauge("ktel_cgroup_pids_limit",
            "Task limit of the cgroup (pids.max); absent when unlimited.", BASE);
    static final MetricFamily PIDS_EVENTS = MetricFamily.counter("ktel_cgroup_pids_events_total",
            "Forks refused because the cgroup hit pids.max (pids.events max).", BASE);
    static final MetricFamily PSI_CPU_WAITING = psi("container_pressure_cpu_waiting_seconds_total",
            "Total time duration tasks in the container have waited due to CPU congestion.");
    static final MetricFamily PSI_CPU_STALLED = psi("container_pressure_cpu_stalled_seconds_total",
            "Total time duration no tasks in the container could make progress due to CPU congestion.");
    static final MetricFamily PSI_MEM_WAITING = psi("container_pressure_memory_waiting_seconds_total",
            "Total time duration tasks in the container have waited due to memory congestion.");
    static final MetricFamily PSI_MEM_STALLED = psi("container_pressure_memory_stalled_seconds_total",
            "Total time duration no tasks in the container could make progress due to memory congestion.");
    static final MetricFamily PSI_IO_WAITING = psi("container_pressure_io_waiting_seconds_total",
            "Total time duration tasks in the container have waited due to IO congestion.");
    static final MetricFamily PSI_IO_STALLED = psi("container_pressure_io_stalled_seconds_total",
            "Total time duration no tasks in the container could make progress due to IO congestion.");
    private static final MetricFamily[] PSI = {PSI_CPU_WAITING, PSI_CPU_STALLED, PSI_MEM_WAITING, PSI_MEM_STALLED,
        PSI_IO_WAITING, PSI_IO_STALLED};
    static final MetricFamily INFO = MetricFamily.gauge("ktel_cgroup_info",
            "The correlation key of each reported cgroup and the hierarchies it exists in (value 1).",
            "id", "hierarchies", "runtime", "container_id", "pod_uid", "qos_class", "pod", "namespace", "container");
    static final MetricFamily LAYOUT = MetricFamily.gauge("ktel_cgroup_layout_info",
            "The host's cgroup layout: v1, v2, hybrid or none (value 1).", "mode");
    static final MetricFamily DISCOVERED = MetricFamily.gauge("ktel_cgroup_discovered",
            "Cgroups reported in this collection.");
    static final MetricFamily DROPPED = MetricFamily.gauge("ktel_cgroup_dropped",
            "Cgroups that passed the filters but were not reported because of collector.cgroup.max-cgroups.");

    // files, indexed
    private static final int F_CPUACCT_USAGE = 0;
    private static final int F_CPUACCT_STAT = 1;
    private static final int F_CPU_STAT_V1 = 2;
    private static final int F_CFS_QUOTA = 3;
    private static final int F_CFS_PERIOD = 4;
    private static final int F_CPU_STAT_V2 = 5;
    private static final int F_CPU_MAX = 6;
    private static final int F_MEM_USAGE_V1 = 7;
    private static final int F_MEM_LIMIT_V1 = 8;
    private static final int F_MEM_FAILCNT_V1 = 9;
    private static final int F_MEM_STAT_V1 = 10;
    private static final int F_MEM_OOM_V1 = 11;
    private static final int F_MEM_CURRENT = 12;
    private static final int F_MEM_MAX = 13;
    private static final int F_MEM_STAT_V2 = 14;
    private static final int F_MEM_EVENTS = 15;
    private static final int F_BLKIO_BYTES_REC = 16;
    private static final int F_BLKIO_IOS_REC = 17;
    private static final int F_BLKIO_BYTES = 18;
    private static final int F_BLKIO_IOS = 19;
    private static final int F_IO_STAT = 20;
    private static final int F_PIDS_CURRENT = 21;
    private static final int F_PIDS_MAX = 22;
    private static final int F_PIDS_EVENTS = 23;
    private static final int F_CPU_PRESSURE = 24;
    private static final int F_MEM_PRESSURE = 25;
    private static final int F_IO_PRESSURE = 26;
    private static final String[] FILE_NAMES = {"cpuacct.usage", "cpuacct.stat", "cpu.stat", "cpu.cfs_quota_us",
        "cpu.cfs_period_us", "cpu.stat", "cpu.max", "memory.usage_in_bytes", "memory.limit_in_bytes",
        "memory.failcnt", "memory.stat", "memory.oom_control", "memory.current", "memory.max", "memory.stat",
        "memory.events", "blkio.throttle.io_service_bytes_recursive", "blkio.throttle.io_serviced_recursive",
        "blkio.throttle.io_service_bytes", "blkio.throttle.io_serviced", "io.stat", "pids.current", "pids.max",
        "pids.events", "cpu.pressure", "memory.pressure", "io.pressure"};

    /** USER_HZ: the unit of cpuacct.stat, fixed at 100 by the kernel's user-space ABI. */
    private static final double USER_HZ = 100;
    /** v1 "no limit" is PAGE_COUNTER_MAX pages (about 2^63 bytes); anything this large is unlimited. */
    private static final long V1_UNLIMITED = 1L << 62;

    private static final String V2 = "v2";

    private final CgroupLayout layout;
    private final List<Path> roots;
    private final CgroupDiscovery discovery;
    private final CorrelationKeyResolver resolver;
    private final ParseErrors errors;
    private final DeviceNames devices;
    private final String mode;
    /** Hierarchy index for each source, -1 when absent. */
    private final int cpuacct;
    private final int cpu;
    private final int memory;
    private final int blkio;
    private final int pids;
    private final int unified;
    private final String[] hierarchyNames;

    private final long rediscoverNanos;
    /** System.nanoTime, replaceable in tests. */
    LongSupplier nanoClock = System::nanoTime;
    private long discoveredAt;
    private boolean discoverNow = true;

    private final Map<String, Entry> entries = new HashMap<>();
    private final List<Entry> order = new ArrayList<>();
    private int generation;

    private final TextScanner scanner = new TextScanner();
    private final FlatKeyedParser cpuacctStat = new FlatKeyedParser("user", "system");
    private final FlatKeyedParser cpuStatV1 = new FlatKeyedParser("nr_periods", "nr_throttled", "throttled_time");
    private final FlatKeyedParser cpuStatV2 = new FlatKeyedParser("usage_usec", "user_usec", "system_usec",
            "nr_periods", "nr_throttled", "throttled_usec");
    private final FlatKeyedParser memStatV1 = new FlatKeyedParser("total_rss", "total_cache", "total_inactive_file");
    private final FlatKeyedParser memStatV2 = new FlatKeyedParser("anon", "file", "inactive_file");
    private final FlatKeyedParser oomControl = new FlatKeyedParser("oom_kill");
    private final FlatKeyedParser memEvents = new FlatKeyedParser("low", "high", "max", "oom", "oom_kill",
            "oom_group_kill");
    private final FlatKeyedParser pidsEvents = new FlatKeyedParser("max");
    private final PressureParser pressure = new PressureParser();
    private final IoStatParser io = new IoStatParser();
    private final long[] kv = new long[8];

    CgroupCollector(CgroupLayout layout, CgroupDiscovery discovery, CorrelationKeyResolver resolver,
            ParseErrors errors, DeviceNames devices, long rediscoverNanos) {
        this.rediscoverNanos = rediscoverNanos;
        this.layout = layout;
        this.roots = layout.roots();
        this.discovery = discovery;
        this.resolver = resolver;
        this.errors = errors;
        this.devices = devices;
        this.mode = layout.mode().name().toLowerCase(java.util.Locale.ROOT);
        this.cpuacct = index(layout.v1("cpuacct"));
        this.cpu = index(layout.v1("cpu"));
        this.memory = index(layout.v1("memory"));
        this.blkio = index(layout.v1("blkio"));
        this.pids = index(layout.v1("pids"));
        this.unified = index(layout.unified());
        this.hierarchyNames = new String[roots.size()];
        for (int i = 0; i < roots.size(); i++) {
            hierarchyNames[i] = i == unified ? V2 : null;
        }
        for (Map.Entry<String, Path> e : layout.v1Controllers().entrySet()) {
            int i = roots.indexOf(e.getValue());
            hierarchyNames[i] = hierarchyNames[i] == null ? "v1:" + e.getKey() : hierarchyNames[i] + ",v1:" + e.getKey();
        }
    }

    private int index(Path p) {
        return p == null ? -1 : roots.indexOf(p);
    }

    private static String[] with(String... extra) {
        String[] l = java.util.Arrays.copyOf(BASE, BASE.length + extra.length);
        System.arraycopy(extra, 0, l, BASE.length, extra.length);
        return l;
    }

    private static MetricFamily psi(String name, String help) {
        return MetricFamily.counter(name, help + " Only for cgroups in the cgroup2 tree.", BASE);
    }

    /** State of one reported cgroup: its open files, label arrays and the values of the last read. */
    static final class Entry {
        final String path;
        final int mask;
        final CorrelationKey key;
        int gen;
        final Path[] dirs;
        final PseudoFile[] files = new PseudoFile[FILE_NAMES.length];
        boolean dead;
        final String[] base;
        final String[] cpuLabels;
        final String[] eventLabels;
        final String[] ioLabels;
        final String[] infoLabels;

        double cpuUsage;
        double cpuUser;
        double cpuSystem;
        String cpuSrc;
        double periods;
        double throttledPeriods;
        double throttledSeconds;
        double quota;
        double period;
        String cfsSrc;
        double memUsage;
        double memWorkingSet;
        double memRss;
        double memCache;
        double memLimit;
        double memFailcnt;
        double oomKills;
        String memSrc;
        final long[] memEvents = new long[6];
        boolean memEventsV2;
        final IoStatParser.Rows ioBytes = new IoStatParser.Rows();
        final IoStatParser.Rows ioOps = new IoStatParser.Rows();
        String ioSrc;
        double pidsCurrent;
        double pidsLimit;
        double pidsEvents;
        String pidsSrc;
        final double[] psi = new double[6];

        Entry(String path, int mask, CorrelationKey key, List<Path> roots, String hierarchies) {
            this.path = path;
            this.mask = mask;
            this.key = key;
            this.dirs = new Path[roots.size()];
            for (int i = 0; i < roots.size(); i++) {
                dirs[i] = path.equals("/") ? roots.get(i) : roots.get(i).resolve(path.substring(1));
            }
            boolean k8s = key.podUid() != null;
            String container = k8s ? nz(key.containerName()) : "";
            base = new String[] {path, nz(key.containerName()), "", container, nz(key.podName()),
                nz(key.namespace()), nz(key.containerId()), ""};
            cpuLabels = java.util.Arrays.copyOf(base, base.length + 1);
            cpuLabels[base.length] = "total";
            eventLabels = java.util.Arrays.copyOf(base, base.length + 1);
            ioLabels = java.util.Arrays.copyOf(base, base.length + 4);
            infoLabels = new String[] {path, hierarchies, nz(key.runtime()), nz(key.containerId()), nz(key.podUid()),
                nz(key.qosClass()), nz(key.podName()), nz(key.namespace()), container};
        }

        boolean in(int hierarchy) {
            return hierarchy >= 0 && (mask & (1 << hierarchy)) != 0;
        }

        void close() {
            for (PseudoFile f : files) {
                if (f != null) {
                    f.close();
                }
            }
        }
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    @Override
    public void collect(MetricSink sink) {
        long now = nanoClock.getAsLong();
        if (discoverNow || now - discoveredAt >= rediscoverNanos) {
            rediscover();
            discoveredAt = now;
            discoverNow = false;
        }
        boolean anyDead = false;
        for (int i = 0; i < order.size(); i++) {
            Entry e = order.get(i);
            read(e);
            anyDead |= e.dead;
        }
        if (anyDead) {
            dropDead();
        }
        emit(sink);
    }

    /** Walks the hierarchies: keeps entries still there (re-probing the files they lacked), adds new ones. */
    private void rediscover() {
        generation++;
        order.clear();
        discovery.walk(this::found);
        for (Iterator<Entry> it = entries.values().iterator(); it.hasNext();) {
            Entry e = it.next();
            if (e.gen != generation) {
                e.close();
                it.remove();
            }
        }
    }

    /** A cgroup removed since the last walk: not reported now, and the next collect walks again. */
    private void dropDead() {
        for (int i = order.size() - 1; i >= 0; i--) {
            Entry e = order.get(i);
            if (e.dead) {
                order.remove(i);
                entries.remove(e.path);
                e.close();
            }
        }
        discoverNow = true;
    }

    private void found(String path, Integer mask) {
        Entry e = entries.get(path);
        if (e == null || e.mask != mask) {
            if (e != null) {
                e.close();
            }
            e = new Entry(path, mask, resolver.resolve(path), roots, hierarchies(mask));
            entries.put(path, e);
        }
        probe(e);
        e.gen = generation;
        order.add(e);
    }

    /**
     * Decides, once per walk, which files each cgroup is read from: the hierarchy a file would come from
     * (see the read methods), and whether it exists there. Files absent now (controller not enabled, older
     * kernel, the root cgroup) are not tried on each collect; the next walk looks again.
     */
    private void probe(Entry e) {
        for (int f = 0; f < FILE_NAMES.length; f++) {
            if (e.files[f] != null) {
                continue;
            }
            int h = source(e, f);
            if (h < 0) {
                continue;
            }
            Path p = e.dirs[h].resolve(FILE_NAMES[f]);
            if (Files.exists(p)) {
                e.files[f] = new PseudoFile(p, 512);
            }
        }
    }

    /** The hierarchy file {@code f} of the entry is read from, -1 when it is not read at all. */
    private int source(Entry e, int f) {
        int h = switch (f) {
            case F_CPUACCT_USAGE, F_CPUACCT_STAT -> cpuacct;
            case F_CPU_STAT_V1, F_CFS_QUOTA, F_CFS_PERIOD -> cpu;
            case F_CPU_STAT_V2 -> !e.in(cpuacct) || cpu < 0 ? unified : -1;
            case F_CPU_MAX -> cpu < 0 ? unified : -1;
            case F_MEM_USAGE_V1, F_MEM_LIMIT_V1, F_MEM_FAILCNT_V1, F_MEM_STAT_V1, F_MEM_OOM_V1 -> memory;
            case F_MEM_CURRENT, F_MEM_MAX, F_MEM_STAT_V2, F_MEM_EVENTS -> memory < 0 ? unified : -1;
            case F_BLKIO_BYTES_REC, F_BLKIO_IOS_REC -> blkio;
            case F_BLKIO_BYTES -> e.files[F_BLKIO_BYTES_REC] == null ? blkio : -1;
            case F_BLKIO_IOS -> e.files[F_BLKIO_IOS_REC] == null ? blkio : -1;
            case F_IO_STAT -> blkio < 0 ? unified : -1;
            case F_PIDS_CURRENT, F_PIDS_MAX, F_PIDS_EVENTS -> pids >= 0 ? pids : unified;
            default -> unified; // PSI
        };
        return e.in(h) ? h : -1;
    }

    private String hierarchies(int mask) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < roots.size(); i++) {
            if ((mask & (1 << i)) != 0) {
                if (!b.isEmpty()) {
                    b.append(',');
                }
                b.append(hierarchyNames[i]);
            }
        }
        return b.toString();
    }

    // ---- reading ----

    /**
     * Reads file {@code f} of the entry afresh; -1 when the entry lacks it. A file that existed at the last
     * walk and is gone now means the cgroup was removed: the entry is marked dead and dropped after this read.
     */
    private int read(Entry e, int h, int f) {
        PseudoFile file = e.files[f];
        if (file == null || e.dead) {
            return -1;
        }
        try {
            return file.read();
        } catch (NoSuchFileException ex) {
            e.dead = true;
            return -1;
        } catch (IOException ex) {
            // unreadable (permissions, a controller refusing reads): skipped until the next walk
            file.close();
            e.files[f] = null;
            return -1;
        }
    }

    /** A single-number file; "max" gives Long.MAX_VALUE; -1 when absent or malformed (reported). */
    private long single(Entry e, int h, int f) {
        int n = read(e, h, f);
        if (n < 0) {
            return -1;
        }
        PseudoFile file = e.files[f];
        scanner.reset(file.name(), file.bytes(), n);
        if (!scanner.nextLine() || scanner.fieldCount() == 0) {
            errors.report(new ProcParseException(file.name(), 1, "value", "empty file", ""));
            return -1;
        }
        if (scanner.fieldEquals(0, "max")) {
            return Long.MAX_VALUE;
        }
        try {
            return scanner.signed(0, "value");
        } catch (ProcParseException ex) {
            errors.report(ex);
            return -1;
        }
    }

    private boolean keyed(Entry e, int h, int f, FlatKeyedParser p) {
        int n = read(e, h, f);
        if (n < 0) {
            return false;
        }
        PseudoFile file = e.files[f];
        p.parse(file.name(), file.bytes(), n, kv, errors);
        return true;
    }

    /** x / divisor (exact for the decimal units the kernel uses), NaN when absent (-1). */
    private static double v(long x, double divisor) {
        return x < 0 ? Double.NaN : x / divisor;
    }

    private void read(Entry e) {
        readCpu(e);
        readMemory(e);
        readIo(e);
        readPids(e);
        readPressure(e);
    }

    private void readCpu(Entry e) {
        e.cpuUsage = e.cpuUser = e.cpuSystem = Double.NaN;
        e.cpuSrc = null;
        if (e.in(cpuacct)) {
            e.cpuSrc = "v1:cpuacct";
            e.cpuUsage = v(single(e, cpuacct, F_CPUACCT_USAGE), 1e9);
            if (keyed(e, cpuacct, F_CPUACCT_STAT, cpuacctStat)) {
                e.cpuUser = v(kv[0], USER_HZ);
                e.cpuSystem = v(kv[1], USER_HZ);
            }
        } else if (e.in(unified) && keyed(e, unified, F_CPU_STAT_V2, cpuStatV2)) {
            e.cpuSrc = V2;
            e.cpuUsage = v(kv[0], 1e6);
            e.cpuUser = v(kv[1], 1e6);
            e.cpuSystem = v(kv[2], 1e6);
        }
        e.periods = e.throttledPeriods = e.throttledSeconds = e.quota = e.period = Double.NaN;
        e.cfsSrc = null;
        if (cpu >= 0) {
            if (e.in(cpu) && keyed(e, cpu, F_CPU_STAT_V1, cpuStatV1)) {
                e.cfsSrc = "v1:cpu";
                e.periods = v(kv[0], 1);
                e.throttledPeriods = v(kv[1], 1);
                e.throttledSeconds = v(kv[2], 1e9);
                long q = single(e, cpu, F_CFS_QUOTA);
                e.quota = q > 0 ? q : Double.NaN;
                e.period = v(single(e, cpu, F_CFS_PERIOD), 1);
            }
        } else if (e.in(unified)) {
            // throttling keys appear in the v2 cpu.stat only where the cpu controller is enabled; kv still
            // holds cpu.stat when usage came from it
            boolean parsed = e.cpuSrc == V2 || keyed(e, unified, F_CPU_STAT_V2, cpuStatV2);
            if (parsed && kv[3] >= 0) {
                e.cfsSrc = V2;
                e.periods = v(kv[3], 1);
                e.throttledPeriods = v(kv[4], 1);
                e.throttledSeconds = v(kv[5], 1e6);
                readCpuMax(e);
            }
        }
    }

    private void readCpuMax(Entry e) {
        int n = read(e, unified, F_CPU_MAX);
        if (n < 0) {
            return;
        }
        PseudoFile file = e.files[F_CPU_MAX];
        scanner.reset(file.name(), file.bytes(), n);
        if (scanner.nextLine() && scanner.fieldCount() >= 2) {
            try {
                if (!scanner.fieldEquals(0, "max")) {
                    e.quota = scanner.unsigned(0, "quota");
                }
                e.period = scanner.unsigned(1, "period");
            } catch (ProcParseException ex) {
                errors.report(ex);
            }
        } else {
            errors.report(scanner.lineError("expected \"QUOTA|max PERIOD\""));
        }
    }

    private void readMemory(Entry e) {
        e.memUsage = e.memWorkingSet = e.memRss = e.memCache = e.memLimit = e.memFailcnt = e.oomKills = Double.NaN;
        e.memSrc = null;
        e.memEventsV2 = false;
        java.util.Arrays.fill(e.memEvents, -1);
        double inactiveFile = Double.NaN;
        if (memory >= 0) {
            if (!e.in(memory)) {
                return;
            }
            e.memSrc = "v1:memory";
            e.memUsage = v(single(e, memory, F_MEM_USAGE_V1), 1);
            long limit = single(e, memory, F_MEM_LIMIT_V1);
            e.memLimit = limit < 0 ? Double.NaN : limit >= V1_UNLIMITED ? 0 : limit;
            e.memFailcnt = v(single(e, memory, F_MEM_FAILCNT_V1), 1);
            if (keyed(e, memory, F_MEM_STAT_V1, memStatV1)) {
                e.memRss = v(kv[0], 1);
                e.memCache = v(kv[1], 1);
                inactiveFile = v(kv[2], 1);
            }
            if (keyed(e, memory, F_MEM_OOM_V1, oomControl)) {
                e.oomKills = v(kv[0], 1);
                e.memEvents[4] = kv[0];
            }
        } else if (e.in(unified)) {
            long usage = single(e, unified, F_MEM_CURRENT);
            if (usage < 0) {
                return; // the root cgroup, or memory not enabled for this subtree
            }
            e.memSrc = V2;
            e.memUsage = usage;
            long limit = single(e, unified, F_MEM_MAX);
            e.memLimit = limit < 0 ? Double.NaN : limit == Long.MAX_VALUE ? 0 : limit;
            if (keyed(e, unified, F_MEM_STAT_V2, memStatV2)) {
                e.memRss = v(kv[0], 1);
                e.memCache = v(kv[1], 1);
                inactiveFile = v(kv[2], 1);
            }
            if (keyed(e, unified, F_MEM_EVENTS, memEvents)) {
                System.arraycopy(kv, 0, e.memEvents, 0, 6);
                e.memEventsV2 = true;
                e.memFailcnt = v(kv[2], 1);
                e.oomKills = v(kv[4], 1);
            }
        }
        if (!Double.isNaN(e.memUsage)) {
            e.memWorkingSet = Double.isNaN(inactiveFile) ? e.memUsage : Math.max(0, e.memUsage - inactiveFile);
        }
    }

    private void readIo(Entry e) {
        e.ioBytes.count = 0;
        e.ioOps.count = 0;
        e.ioSrc = null;
        if (blkio >= 0) {
            if (!e.in(blkio)) {
                return;
            }
            e.ioSrc = "v1:blkio";
            blkioFile(e, F_BLKIO_BYTES_REC, F_BLKIO_BYTES, e.ioBytes);
            blkioFile(e, F_BLKIO_IOS_REC, F_BLKIO_IOS, e.ioOps);
        } else if (e.in(unified)) {
            int n = read(e, unified, F_IO_STAT);
            if (n >= 0) {
                e.ioSrc = V2;
                io.parseIoStat(e.files[F_IO_STAT].name(), e.files[F_IO_STAT].bytes(), n, e.ioBytes, e.ioOps, errors);
            }
        }
    }

    /** Recursive counters (as cgroup2 and the other v1 controllers count), the plain file on old kernels. */
    private void blkioFile(Entry e, int recursive, int plain, IoStatParser.Rows rows) {
        int f = recursive;
        int n = read(e, blkio, f);
        if (n < 0) {
            f = plain;
            n = read(e, blkio, f);
        }
        if (n >= 0) {
            io.parseBlkio(e.files[f].name(), e.files[f].bytes(), n, rows, errors);
        }
    }

    private void readPids(Entry e) {
        e.pidsCurrent = e.pidsLimit = e.pidsEvents = Double.NaN;
        e.pidsSrc = null;
        int h = pids >= 0 ? pids : unified;
        if (!e.in(h)) {
            return;
        }
        long current = single(e, h, F_PIDS_CURRENT);
        if (current < 0) {
            return;
        }
        e.pidsSrc = h == pids ? "v1:pids" : V2;
        e.pidsCurrent = current;
        long max = single(e, h, F_PIDS_MAX);
        e.pidsLimit = max < 0 || max == Long.MAX_VALUE ? Double.NaN : max;
        if (keyed(e, h, F_PIDS_EVENTS, pidsEvents)) {
            e.pidsEvents = v(kv[0], 1);
        }
    }

    private void readPressure(Entry e) {
        java.util.Arrays.fill(e.psi, Double.NaN);
        if (!e.in(unified)) {
            return;
        }
        for (int r = 0; r < 3; r++) {
            int f = F_CPU_PRESSURE + r;
            int n = read(e, unified, f);
            if (n >= 0) {
                pressure.parse(e.files[f].name(), e.files[f].bytes(), n, errors);
                e.psi[2 * r] = v(pressure.someTotalMicros, 1e6);
                e.psi[2 * r + 1] = v(pressure.fullTotalMicros, 1e6);
            }
        }
    }

    // ---- writing ----

    private void emit(MetricSink sink) {
        sink.family(LAYOUT);
        sink.sample(mode, 1);
        sink.family(DISCOVERED);
        sink.sample(order.size());
        sink.family(DROPPED);
        sink.sample(discovery.dropped());
        sink.family(INFO);
        for (int i = 0; i < order.size(); i++) {
            sink.sample(order.get(i).infoLabels, 1);
        }

        sink.family(CPU_USAGE);
        for (int i = 0; i < order.size(); i++) {
            Entry e = order.get(i);
            if (!Double.isNaN(e.cpuUsage)) {
                e.cpuLabels[HIER] = e.cpuSrc;
                sink.sample(e.cpuLabels, e.cpuUsage);
            }
        }
        emitSimple(sink, CPU_USER, 0);
        emitSimple(sink, CPU_SYSTEM, 1);
        emitSimple(sink, CFS_PERIODS, 2);
        emitSimple(sink, CFS_THROTTLED_PERIODS, 3);
        emitSimple(sink, CFS_THROTTLED_SECONDS, 4);
        emitSimple(sink, SPEC_CPU_QUOTA, 5);
        emitSimple(sink, SPEC_CPU_PERIOD, 6);
        emitSimple(sink, MEM_USAGE, 7);
        emitSimple(sink, MEM_WORKING_SET, 8);
        emitSimple(sink, MEM_RSS, 9);
        emitSimple(sink, MEM_CACHE, 10);
        emitSimple(sink, MEM_LIMIT, 11);
        emitSimple(sink, MEM_FAILCNT, 12);
        emitSimple(sink, OOM_EVENTS, 13);

        sink.family(MEM_EVENTS);
        for (int i = 0; i < order.size(); i++) {
            Entry e = order.get(i);
            if (e.memSrc == null) {
                continue;
            }
            e.eventLabels[HIER] = e.memSrc;
            for (int k = 0; k < e.memEvents.length; k++) {
                if (e.memEvents[k] >= 0) {
                    e.eventLabels[BASE.length] = memEvents.key(k);
                    sink.sample(e.eventLabels, e.memEvents[k]);
                }
            }
        }
        emitIo(sink, BLKIO_BYTES, true);
        emitIo(sink, BLKIO_IOS, false);
        emitSimple(sink, PIDS_CURRENT, 14);
        emitSimple(sink, PIDS_LIMIT, 15);
        emitSimple(sink, PIDS_EVENTS, 16);
        for (int r = 0; r < 6; r++) {
            emitSimple(sink, PSI[r], 17 + r);
        }
    }

    private void emitSimple(MetricSink sink, MetricFamily family, int which) {
        boolean announced = false;
        for (int i = 0; i < order.size(); i++) {
            Entry e = order.get(i);
            double value;
            String src;
            switch (which) {
                case 0 -> { value = e.cpuUser; src = e.cpuSrc; }
                case 1 -> { value = e.cpuSystem; src = e.cpuSrc; }
                case 2 -> { value = e.periods; src = e.cfsSrc; }
                case 3 -> { value = e.throttledPeriods; src = e.cfsSrc; }
                case 4 -> { value = e.throttledSeconds; src = e.cfsSrc; }
                case 5 -> { value = e.quota; src = e.cfsSrc; }
                case 6 -> { value = e.period; src = e.cfsSrc; }
                case 7 -> { value = e.memUsage; src = e.memSrc; }
                case 8 -> { value = e.memWorkingSet; src = e.memSrc; }
                case 9 -> { value = e.memRss; src = e.memSrc; }
                case 10 -> { value = e.memCache; src = e.memSrc; }
                case 11 -> { value = e.memLimit; src = e.memSrc; }
                case 12 -> { value = e.memFailcnt; src = e.memSrc; }
                case 13 -> { value = e.oomKills; src = e.memSrc; }
                case 14 -> { value = e.pidsCurrent; src = e.pidsSrc; }
                case 15 -> { value = e.pidsLimit; src = e.pidsSrc; }
                case 16 -> { value = e.pidsEvents; src = e.pidsSrc; }
                default -> { value = e.psi[which - 17]; src = V2; }
            }
            if (Double.isNaN(value) || src == null) {
                continue;
            }
            if (!announced) {
                sink.family(family);
                announced = true;
            }
            e.base[HIER] = src;
            sink.sample(e.base, value);
        }
    }

    private void emitIo(MetricSink sink, MetricFamily family, boolean bytes) {
        boolean announced = false;
        for (int i = 0; i < order.size(); i++) {
            Entry e = order.get(i);
            IoStatParser.Rows rows = bytes ? e.ioBytes : e.ioOps;
            if (rows.count == 0) {
                continue;
            }
            if (!announced) {
                sink.family(family);
                announced = true;
            }
            String[] l = e.ioLabels;
            l[HIER] = e.ioSrc;
            for (int r = 0; r < rows.count; r++) {
                String[] dev = devices.labels(rows.major[r], rows.minor[r]);
                l[8] = dev[0];
                l[9] = dev[1];
                l[10] = dev[2];
                l[11] = rows.operation[r];
                sink.sample(l, rows.value[r]);
            }
        }
    }

    /** The layout this collector reads (for doctor and tests). */
    public CgroupLayout layout() {
        return layout;
    }

    @Override
    public void close() {
        for (Entry e : entries.values()) {
            e.close();
        }
        entries.clear();
    }

    /** Registered in META-INF/services. */
    public static final class Factory implements CollectorFactory {
        @Override
        public String name() {
            return "cgroup";
        }

        @Override
        public String description() {
            return "Per-cgroup CPU, memory, I/O, pids and PSI (cAdvisor names) on cgroup v1, v2 and hybrid hosts.";
        }

        @Override
        public List<CollectorOption> options() {
            return List.of(
                    new CollectorOption("depth", "3", "Deepest cgroup level walked (the root / is 0)."),
                    new CollectorOption("include", "", "Regex (full match) of cgroup paths to report; empty: all."),
                    new CollectorOption("exclude", "", "Regex (full match) of cgroup paths not to report."),
                    new CollectorOption("max-cgroups", "1000",
                            "Most cgroups reported per collection, shallowest first; the rest are counted in "
                                    + "ktel_cgroup_dropped."),
                    new CollectorOption("rediscover-interval", "30s",
                            "How often the hierarchies are walked again (e.g. 500ms, 30s, 2m; 0: every "
                                    + "collection). Values are read afresh on every collection, but a cgroup "
                                    + "created meanwhile is reported only after the next walk, i.e. within this "
                                    + "interval; a removed one disappears at once."));
        }

        @Override
        public Collector create(CollectorContext ctx) throws CollectorUnavailableException {
            CgroupLayout layout;
            try {
                layout = CgroupLayout.detect(ctx.paths(), ctx.errors());
            } catch (IOException e) {
                throw new CollectorUnavailableException(e.getMessage());
            }
            if (layout.mode() == CgroupLayout.Mode.NONE) {
                throw new CollectorUnavailableException("no cgroup or cgroup2 mount in " + layout.source());
            }
            int depth = intOption(ctx, "depth", "3");
            int max = intOption(ctx, "max-cgroups", "1000");
            CgroupDiscovery discovery = new CgroupDiscovery(layout.roots(), depth, max,
                    ctx.regexOption("include", ""), ctx.regexOption("exclude", ""));
            return new CgroupCollector(layout, discovery, new CorrelationKeyResolver(PodMetadataSource.NONE),
                    ctx.errors(), new DeviceNames(ctx.paths()), durationNanos(ctx, "rediscover-interval", "30s"));
        }

        /** A duration option: a number with unit ms, s or m (plain numbers are seconds). */
        static long durationNanos(CollectorContext ctx, String name, String def) {
            String v = ctx.option(name, def).strip();
            long unit = 1_000_000_000L;
            String num = v;
            if (v.endsWith("ms")) {
                unit = 1_000_000L;
                num = v.substring(0, v.length() - 2);
            } else if (v.endsWith("s")) {
                num = v.substring(0, v.length() - 1);
            } else if (v.endsWith("m")) {
                unit = 60_000_000_000L;
                num = v.substring(0, v.length() - 1);
            }
            try {
                long n = Long.parseLong(num);
                if (n < 0 || n > Long.MAX_VALUE / unit) {
                    throw new NumberFormatException();
                }
                return n * unit;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("collector." + ctx.collector() + "." + name
                        + ": expected a duration such as 500ms, 30s or 2m, got \"" + v + "\"");
            }
        }

        static int intOption(CollectorContext ctx, String name, String def) {
            String v = ctx.option(name, def);
            try {
                int i = Integer.parseInt(v);
                if (i < 0) {
                    throw new NumberFormatException();
                }
                return i;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("collector." + ctx.collector() + "." + name
                        + ": expected a non-negative integer, got \"" + v + "\"");
            }
        }
    }
}
