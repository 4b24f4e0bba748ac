package dev.ktel.collectors.process;

import dev.ktel.collectors.Collector;
import dev.ktel.collectors.CollectorContext;
import dev.ktel.collectors.CollectorFactory;
import dev.ktel.collectors.CollectorOption;
import dev.ktel.collectors.CollectorUnavailableException;
import dev.ktel.collectors.cgroup.CorrelationKeyResolver;
import dev.ktel.collectors.cgroup.FlatKeyedParser;
import dev.ktel.collectors.cgroup.PodMetadataSource;
import dev.ktel.core.event.CorrelationKey;
import dev.ktel.core.io.HostPaths;
import dev.ktel.core.io.ProcFile;
import dev.ktel.core.metric.MetricFamily;
import dev.ktel.core.metric.MetricSink;
import dev.ktel.core.text.ParseErrors;
import dev.ktel.core.text.ProcParseException;
import dev.ktel.core.text.TextScanner;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;

/**
 * The top N processes by CPU, resident memory, disk I/O and run-queue wait, with everything else summed into
 * one {@code pid="other"} series per family, so each family has at most N + 1 series whatever the process
 * count.
 *
 * <p>Selection is per dimension: each family lists the N processes with the most of its own dimension (CPU,
 * I/O and run-queue wait by their increase since the previous collection, RSS by its current value; only
 * non-zero ones), so a family never holds series that are zero for it. The read and write byte families share
 * the I/O selection (read + write). The {@code other} series of the counters accumulate the increases of the
 * processes not selected in each collection, so they only go up and {@code rate()} of them is the rest's
 * usage; the increase of a process in the interval it enters or leaves the top N goes to its own series, and
 * the last interval of a process that exits is lost (the kernel no longer shows it).
 *
 * <p>Reads per process and collection: /proc/PID/stat (comm, utime+stime of all threads, rss), /proc/PID/io
 * (read_bytes, write_bytes; skipped where unreadable: other users' processes without CAP_SYS_PTRACE),
 * /proc/PID/schedstat (second field: time waiting on a run queue, in ns; the kernel keeps it per task, so this
 * is the main thread's). /proc/PID/cgroup (and cmdline, when enabled) only for selected processes, cached per
 * pid and start time. /proc itself is listed on every collection; the three per-process files stay open
 * (for up to {@code keep-open} processes) and are re-read with pread, so a steady process costs three reads.
 */
public final class ProcessCollector implements Collector {
    private static final String[] LABELS = {"pid", "comm", "cgroup", "container_id", "pod", "namespace",
        "container"};
    /** USER_HZ, the unit of utime/stime, is 100 in the kernel's user-space ABI. */
    private static final double TICKS = 100;

    private final MetricFamily cpuFamily;
    private final MetricFamily rssFamily;
    private final MetricFamily readFamily;
    private final MetricFamily writeFamily;
    private final MetricFamily runqueueFamily;
    static final MetricFamily SEEN = MetricFamily.gauge("ktel_processes_seen",
            "Processes found in /proc in this collection.");
    static final MetricFamily OTHER = MetricFamily.gauge("ktel_processes_other",
            "Processes not in the top N of any dimension (only in the pid=\"other\" series).");

    private final Path procfs;
    private final int top;
    private final int keepOpen;
    /** Processes with kept files in the current scan, at most keepOpen. */
    private int kept;
    private final boolean cmdline;
    private final long pageSize;
    private final ParseErrors errors;
    private final CorrelationKeyResolver resolver;
    private final String[] otherLabels;

    private final ProcPidStatParser stat = new ProcPidStatParser();
    private final FlatKeyedParser ioParser = new FlatKeyedParser("read_bytes:", "write_bytes:");
    private final ProcPidCgroupParser cgroupParser = new ProcPidCgroupParser();
    private final TextScanner scanner = new TextScanner();
    private final long[] kv = new long[2];
    private final ByteBuffer buf = ByteBuffer.allocate(16384);

    private Scan cur = new Scan();
    private Scan prev = new Scan();
    private final PidIndex prevIndex = new PidIndex();
    private double otherCpuTicks;
    private double otherRead;
    private double otherWrite;
    private double otherRunqueueNs;
    private int[] cpuTop;
    private int[] rssTop;
    private int[] ioTop;
    private int[] rqTop;
    private int cpuN;
    private int rssN;
    private int ioN;
    private int rqN;
    private boolean anySchedstat;
    private boolean anyIo;

    /** One collection's processes, in parallel arrays. */
    /** /proc/PID/{stat,io,schedstat} of one process, kept open and re-read with pread. */
    static final class PidFiles {
        final ProcFile stat;
        final ProcFile io;
        final ProcFile schedstat;

        PidFiles(Path dir) {
            stat = new ProcFile(dir.resolve("stat"), 1024);
            io = new ProcFile(dir.resolve("io"), 512);
            schedstat = new ProcFile(dir.resolve("schedstat"), 128);
        }

        void close() {
            stat.close();
            io.close();
            schedstat.close();
        }
    }

    static final class Scan {
        int count;
        int[] pid = new int[1024];
        long[] start = new long[1024];
        long[] cpu = new long[1024];
        long[] rss = new long[1024];
        long[] read = new long[1024];
        long[] write = new long[1024];
        long[] runqueue = new long[1024];
        double[] dCpu = new double[1024];
        double[] dIo = new double[1024];
        double[] dRunqueue = new double[1024];
        double[] dRead = new double[1024];
        double[] dWrite = new double[1024];
        String[] comm = new String[1024];
        String[][] labels = new String[1024][];
        boolean[] selected = new boolean[1024];
        /** Kept open files of the process (null beyond keep-open), carried over while the pid lives. */
        PidFiles[] files = new PidFiles[1024];
        /** Set on the previous scan's entries whose files the current scan took over. */
        boolean[] carried = new boolean[1024];

        int add() {
            if (count == pid.length) {
                int n = count * 2;
                pid = Arrays.copyOf(pid, n);
                start = Arrays.copyOf(start, n);
                cpu = Arrays.copyOf(cpu, n);
                rss = Arrays.copyOf(rss, n);
                read = Arrays.copyOf(read, n);
                write = Arrays.copyOf(write, n);
                runqueue = Arrays.copyOf(runqueue, n);
                dCpu = Arrays.copyOf(dCpu, n);
                dIo = Arrays.copyOf(dIo, n);
                dRunqueue = Arrays.copyOf(dRunqueue, n);
                dRead = Arrays.copyOf(dRead, n);
                dWrite = Arrays.copyOf(dWrite, n);
                comm = Arrays.copyOf(comm, n);
                labels = Arrays.copyOf(labels, n);
                selected = Arrays.copyOf(selected, n);
                files = Arrays.copyOf(files, n);
                carried = Arrays.copyOf(carried, n);
            }
            labels[count] = null;
            selected[count] = false;
            files[count] = null;
            carried[count] = false;
            return count++;
        }
    }

    ProcessCollector(Path procfs, int top, int keepOpen, boolean cmdline, long pageSize, ParseErrors errors,
            CorrelationKeyResolver resolver) {
        this.keepOpen = keepOpen;
        this.procfs = procfs;
        this.top = top;
        this.cmdline = cmdline;
        this.pageSize = pageSize;
        this.errors = errors;
        this.resolver = resolver;
        String[] labels = cmdline ? Arrays.copyOf(LABELS, LABELS.length + 1) : LABELS;
        if (cmdline) {
            labels[LABELS.length] = "cmdline";
        }
        cpuFamily = MetricFamily.counter("ktel_process_cpu_seconds_total",
                "CPU time (user + system, all threads) of the top processes by CPU; pid=\"other\" accumulates the "
                        + "rest.", labels);
        rssFamily = MetricFamily.gauge("ktel_process_resident_memory_bytes",
                "Resident memory of the top processes by RSS; pid=\"other\" is the sum of the rest.", labels);
        readFamily = MetricFamily.counter("ktel_process_io_read_bytes_total",
                "Bytes read from storage (/proc/PID/io read_bytes) by the top processes by I/O; pid=\"other\" "
                        + "accumulates the rest.", labels);
        writeFamily = MetricFamily.counter("ktel_process_io_write_bytes_total",
                "Bytes written to storage (/proc/PID/io write_bytes) by the top processes by I/O; pid=\"other\" "
                        + "accumulates the rest.", labels);
        runqueueFamily = MetricFamily.counter("ktel_process_runqueue_wait_seconds_total",
                "Time the main thread waited on a run queue (/proc/PID/schedstat) for the top processes by wait; "
                        + "pid=\"other\" accumulates the rest.", labels);
        otherLabels = new String[labels.length];
        Arrays.fill(otherLabels, "");
        otherLabels[0] = "other";
        otherLabels[1] = "other";
        cpuTop = new int[top];
        rssTop = new int[top];
        ioTop = new int[top];
        rqTop = new int[top];
    }

    @Override
    public void close() {
        for (Scan s : new Scan[] {cur, prev}) {
            for (int i = 0; i < s.count; i++) {
                if (s.files[i] != null) {
                    s.files[i].close();
                    s.files[i] = null;
                }
            }
        }
    }

    @Override
    public void collect(MetricSink sink) throws IOException {
        Scan s = prev;
        prev = cur;
        cur = s;
        prevIndex.clear();
        for (int i = 0; i < prev.count; i++) {
            prevIndex.put(prev.pid[i], i);
        }
        cur.count = 0;
        kept = 0;
        anySchedstat = false;
        anyIo = false;
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(procfs)) {
            for (Path p : ds) {
                int pid = pid(p.getFileName().toString());
                if (pid > 0) {
                    scan(p, pid);
                }
            }
        } finally {
            // processes gone since the previous scan (or beyond keep-open now): close their files
            for (int i = 0; i < prev.count; i++) {
                if (prev.files[i] != null && !prev.carried[i]) {
                    prev.files[i].close();
                }
                prev.files[i] = null;
            }
        }
        select();
        emit(sink);
    }

    private static int pid(String name) {
        if (name.isEmpty() || name.length() > 9) {
            return -1;
        }
        int v = 0;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    private void scan(Path dir, int pid) {
        int j = prevIndex.get(pid);
        PidFiles files = null;
        if (kept < keepOpen) {
            files = j >= 0 ? prev.files[j] : null;
            if (files != null) {
                prev.carried[j] = true;
            } else {
                files = new PidFiles(dir);
            }
            kept++;
        }
        String statName = files != null ? files.stat.name() : dir + "/stat";
        int n = files != null ? read(files.stat) : readFile(dir.resolve("stat"));
        if (n <= 0) {
            if (files != null) {
                files.close(); // exited since the listing
            }
            return;
        }
        byte[] data = files != null ? files.stat.bytes() : buf.array();
        try {
            stat.parse(statName, data, n);
        } catch (ProcParseException e) {
            errors.report(e);
            if (files != null) {
                files.close();
            }
            return;
        }
        int i = cur.add();
        cur.files[i] = files;
        cur.pid[i] = pid;
        cur.start[i] = stat.startTime;
        cur.cpu[i] = stat.cpuTicks;
        cur.rss[i] = stat.rssPages * pageSize;
        cur.comm[i] = stat.comm;
        cur.read[i] = -1;
        cur.write[i] = -1;
        n = files != null ? read(files.io) : readFile(dir.resolve("io"));
        if (n > 0) {
            ioParser.parse(files != null ? files.io.name() : dir + "/io", files != null ? files.io.bytes()
                    : buf.array(), n, kv, errors);
            cur.read[i] = kv[0];
            cur.write[i] = kv[1];
            anyIo |= kv[0] >= 0;
        }
        cur.runqueue[i] = -1;
        n = files != null ? read(files.schedstat) : readFile(dir.resolve("schedstat"));
        if (n > 0) {
            scanner.reset(files != null ? files.schedstat.name() : dir + "/schedstat",
                    files != null ? files.schedstat.bytes() : buf.array(), n);
            if (scanner.nextLine() && scanner.fieldCount() >= 3) {
                try {
                    cur.runqueue[i] = scanner.unsigned(1, "run_delay");
                    anySchedstat = true;
                } catch (ProcParseException e) {
                    errors.report(e);
                }
            } else {
                errors.report(scanner.lineError("expected \"RUN_NS WAIT_NS TIMESLICES\""));
            }
        }

        boolean same = j >= 0 && prev.start[j] == cur.start[i];
        if (same) {
            cur.labels[i] = prev.labels[j];
        }
        cur.dCpu[i] = same ? Math.max(0, cur.cpu[i] - prev.cpu[j]) : cur.cpu[i];
        cur.dRead[i] = delta(cur.read[i], same ? prev.read[j] : -1);
        cur.dWrite[i] = delta(cur.write[i], same ? prev.write[j] : -1);
        cur.dIo[i] = cur.dRead[i] + cur.dWrite[i];
        cur.dRunqueue[i] = delta(cur.runqueue[i], same ? prev.runqueue[j] : -1);
    }

    private static double delta(long now, long before) {
        if (now < 0) {
            return 0;
        }
        return before < 0 ? now : Math.max(0, now - before);
    }

    /** Re-reads a kept file; -1 when unreadable (io of other users' processes) or the process is gone. */
    private static int read(ProcFile f) {
        try {
            return f.read();
        } catch (IOException e) {
            return -1;
        }
    }

    /** Reads a small /proc file into {@link #buf} (truncated at its size); -1 when absent or unreadable. */
    private int readFile(Path p) {
        buf.clear();
        try (FileChannel ch = FileChannel.open(p, StandardOpenOption.READ)) {
            while (buf.hasRemaining()) {
                if (ch.read(buf) < 0) {
                    break;
                }
            }
            return buf.position();
        } catch (IOException e) {
            return -1;
        }
    }

    // ---- selection ----

    private void select() {
        cpuN = topN(cur.dCpu, cpuTop);
        rssN = topN(null, rssTop);
        ioN = topN(cur.dIo, ioTop);
        rqN = topN(cur.dRunqueue, rqTop);
        markSelected(cpuTop, cpuN);
        markSelected(rssTop, rssN);
        markSelected(ioTop, ioN);
        markSelected(rqTop, rqN);
        boolean[] inCpu = mark(cpuTop, cpuN);
        for (int i = 0; i < cur.count; i++) {
            if (!inCpu[i]) {
                otherCpuTicks += cur.dCpu[i];
            }
        }
        boolean[] inIo = mark(ioTop, ioN);
        for (int i = 0; i < cur.count; i++) {
            if (!inIo[i]) {
                otherRead += cur.dRead[i];
                otherWrite += cur.dWrite[i];
            }
        }
        boolean[] inRq = mark(rqTop, rqN);
        for (int i = 0; i < cur.count; i++) {
            if (!inRq[i]) {
                otherRunqueueNs += cur.dRunqueue[i];
            }
        }
    }

    private boolean[] marks = new boolean[1024];

    private boolean[] mark(int[] idx, int n) {
        if (marks.length < cur.count) {
            marks = new boolean[cur.pid.length];
        }
        Arrays.fill(marks, 0, cur.count, false);
        for (int k = 0; k < n; k++) {
            marks[idx[k]] = true;
        }
        return marks;
    }

    private void markSelected(int[] idx, int n) {
        for (int k = 0; k < n; k++) {
            int i = idx[k];
            cur.selected[i] = true;
            if (cur.labels[i] == null) {
                cur.labels[i] = labels(i);
            }
        }
    }

    /** Indices of the (at most) {@code top} largest positive scores, largest first; rss when score is null. */
    private int topN(double[] score, int[] out) {
        int n = 0;
        for (int i = 0; i < cur.count; i++) {
            double v = score == null ? cur.rss[i] : score[i];
            if (v <= 0) {
                continue;
            }
            if (n == top && v <= value(score, out[n - 1])) {
                continue;
            }
            int pos = n == top ? n - 1 : n++;
            while (pos > 0 && value(score, out[pos - 1]) < v) {
                out[pos] = out[pos - 1];
                pos--;
            }
            out[pos] = i;
        }
        return n;
    }

    private double value(double[] score, int i) {
        return score == null ? cur.rss[i] : score[i];
    }

    /** Labels of a selected process: pid, comm and the correlation key of its cgroup (read now, then cached). */
    private String[] labels(int i) {
        String[] l = new String[otherLabels.length];
        l[0] = Integer.toString(cur.pid[i]);
        l[1] = cur.comm[i];
        Path dir = procfs.resolve(l[0]);
        int n = readFile(dir.resolve("cgroup"));
        String cgroup = n > 0 ? cgroupParser.parse(dir + "/cgroup", buf.array(), n, errors) : null;
        CorrelationKey key = cgroup == null ? CorrelationKey.NONE : resolver.resolve(cgroup);
        l[2] = cgroup == null ? "" : cgroup;
        l[3] = nz(key.containerId());
        l[4] = nz(key.podName());
        l[5] = nz(key.namespace());
        l[6] = key.podUid() != null ? nz(key.containerName()) : "";
        if (cmdline) {
            n = readFile(dir.resolve("cmdline"));
            l[7] = n > 0 ? CmdlineMasker.maskProcCmdline(buf.array(), n) : "";
        }
        return l;
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    // ---- writing ----

    private void emit(MetricSink sink) {
        sink.family(SEEN);
        sink.sample(cur.count);
        int other = 0;
        for (int i = 0; i < cur.count; i++) {
            if (!cur.selected[i]) {
                other++;
            }
        }
        sink.family(OTHER);
        sink.sample(other);

        sink.family(cpuFamily);
        for (int k = 0; k < cpuN; k++) {
            sink.sample(cur.labels[cpuTop[k]], cur.cpu[cpuTop[k]] / TICKS);
        }
        sink.sample(otherLabels, otherCpuTicks / TICKS);

        sink.family(rssFamily);
        double rest = 0;
        boolean[] inRss = mark(rssTop, rssN);
        for (int i = 0; i < cur.count; i++) {
            if (!inRss[i]) {
                rest += cur.rss[i];
            }
        }
        for (int k = 0; k < rssN; k++) {
            sink.sample(cur.labels[rssTop[k]], cur.rss[rssTop[k]]);
        }
        sink.sample(otherLabels, rest);

        if (anyIo) {
            sink.family(readFamily);
            for (int k = 0; k < ioN; k++) {
                sink.sample(cur.labels[ioTop[k]], Math.max(0, cur.read[ioTop[k]]));
            }
            sink.sample(otherLabels, otherRead);
            sink.family(writeFamily);
            for (int k = 0; k < ioN; k++) {
                sink.sample(cur.labels[ioTop[k]], Math.max(0, cur.write[ioTop[k]]));
            }
            sink.sample(otherLabels, otherWrite);
        }
        if (anySchedstat) {
            sink.family(runqueueFamily);
            for (int k = 0; k < rqN; k++) {
                sink.sample(cur.labels[rqTop[k]], cur.runqueue[rqTop[k]] / 1e9);
            }
            sink.sample(otherLabels, otherRunqueueNs / 1e9);
        }
    }

    /** int to int map (pid to index of the previous scan), open addressing; -1 when absent. */
    static final class PidIndex {
        private int[] keys = new int[2048];
        private int[] values = new int[2048];
        private int size;

        void clear() {
            Arrays.fill(keys, 0);
            size = 0;
        }

        void put(int key, int value) {
            if ((size + 1) * 2 > keys.length) {
                int[] k = keys;
                int[] v = values;
                keys = new int[k.length * 2];
                values = new int[k.length * 2];
                size = 0;
                for (int i = 0; i < k.length; i++) {
                    if (k[i] != 0) {
                        put(k[i], v[i]);
                    }
                }
            }
            int mask = keys.length - 1;
            int slot = (key * 0x9E3779B9) >>> 1 & mask;
            while (keys[slot] != 0 && keys[slot] != key) {
                slot = (slot + 1) & mask;
            }
            if (keys[slot] == 0) {
                size++;
            }
            keys[slot] = key;
            values[slot] = value;
        }

        int get(int key) {
            int mask = keys.length - 1;
            int slot = (key * 0x9E3779B9) >>> 1 & mask;
            while (keys[slot] != 0) {
                if (keys[slot] == key) {
                    return values[slot];
                }
                slot = (slot + 1) & mask;
            }
            return -1;
        }
    }

    /** Registered in META-INF/services. */
    public static final class Factory implements CollectorFactory {
        @Override
        public String name() {
            return "process";
        }

        @Override
        public String description() {
            return "Top N processes by CPU, RSS, I/O and run-queue wait, the rest summed as pid=\"other\".";
        }

        @Override
        public boolean enabledByDefault() {
            return false;
        }

        @Override
        public List<CollectorOption> options() {
            return List.of(
                    new CollectorOption("top", "20", "Processes listed per dimension; the rest go to pid=\"other\"."),
                    new CollectorOption("cmdline", "false",
                            "Add a cmdline label (secrets such as --password=... masked as ***)."),
                    new CollectorOption("keep-open", "1000",
                            "Processes whose stat, io and schedstat files stay open between collections (3 file "
                                    + "descriptors each; re-read with pread); the rest are opened per read."));
        }

        @Override
        public Collector create(CollectorContext ctx) throws CollectorUnavailableException {
            Path procfs = ctx.paths().procfs();
            ctx.requireFile(procfs.resolve("stat"), "procfs not mounted there");
            String v = ctx.option("top", "20");
            int top;
            try {
                top = Integer.parseInt(v);
            } catch (NumberFormatException e) {
                top = -1;
            }
            if (top < 1 || top > 10_000) {
                throw new IllegalArgumentException("collector.process.top: expected an integer from 1 to 10000, got \""
                        + v + "\"");
            }
            String k = ctx.option("keep-open", "1000");
            int keepOpen;
            try {
                keepOpen = Integer.parseInt(k);
            } catch (NumberFormatException e) {
                keepOpen = -1;
            }
            if (keepOpen < 0) {
                throw new IllegalArgumentException("collector.process.keep-open: expected a non-negative integer, "
                        + "got \"" + k + "\"");
            }
            return new ProcessCollector(procfs, top, keepOpen, ctx.booleanOption("cmdline", false), pageSize(ctx.paths()),
                    ctx.errors(), new CorrelationKeyResolver(PodMetadataSource.NONE));
        }
    }

    /**
     * The page size (unit of the rss field), derived from our own process: status VmRSS (kB) over statm
     * resident (pages), rounded to a power of two; 4096 when that cannot be read (captured trees).
     */
    static long pageSize(HostPaths paths) {
        try {
            if (paths.isLiveHost()) {
                String statm = Files.readString(paths.proc("self/statm"));
                long pages = Long.parseLong(statm.trim().split("\\s+")[1]);
                for (String line : Files.readAllLines(paths.proc("self/status"))) {
                    if (line.startsWith("VmRSS:") && pages > 0) {
                        long kb = Long.parseLong(line.substring(6).trim().split("\\s+")[0]);
                        long ratio = kb * 1024 / pages;
                        long p = Long.highestOneBit(ratio);
                        if (ratio - p > p / 2) {
                            p <<= 1;
                        }
                        return p >= 4096 ? p : 4096;
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            // fall back below
        }
        return 4096;
    }
}
