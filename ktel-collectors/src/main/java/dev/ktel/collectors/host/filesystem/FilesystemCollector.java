package dev.ktel.collectors.host.filesystem;

import dev.ktel.collectors.DeviceFilter;
import dev.ktel.collectors.Collector;
import dev.ktel.collectors.CollectorContext;
import dev.ktel.collectors.CollectorFactory;
import dev.ktel.collectors.CollectorOption;
import dev.ktel.collectors.CollectorUnavailableException;
import dev.ktel.core.io.ProcFile;
import dev.ktel.core.metric.MetricFamily;
import dev.ktel.core.metric.MetricSink;
import dev.ktel.core.text.ParseErrors;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * node_filesystem_* for every mount of /proc/1/mountinfo (else /proc/mounts) that the mount point and
 * file system type filters keep, from statvfs(3) on the mount point under the root file system path, as
 * node_exporter's filesystem collector. statvfs can block forever on a dead network mount, so each call runs
 * on a worker thread and is abandoned after mount-timeout: the mount then reports device_error 1 with
 * device_error="mountpoint timeout" and is skipped until its stuck call returns. File systems of local block
 * devices and memory ({@link #LOCAL_FS_TYPES}) answer statvfs from the superblock without I/O, so they are
 * stat'ed on the collecting thread: handing them to the worker cost two thread wake-ups per scrape.
 */
public final class FilesystemCollector implements Collector {
    private static final Logger LOG = LoggerFactory.getLogger(FilesystemCollector.class);

    static final String DEFAULT_MOUNT_POINTS_EXCLUDE =
            "^/(dev|proc|run/credentials/.+|sys|var/lib/docker/.+|var/lib/containers/storage/.+)($|/)";
    static final String DEFAULT_FS_TYPES_EXCLUDE = "^(autofs|binfmt_misc|bpf|cgroup2?|configfs|debugfs|devpts"
            + "|devtmpfs|fusectl|hugetlbfs|iso9660|mqueue|nsfs|overlay|proc|procfs|pstore|rpc_pipefs|securityfs"
            + "|selinuxfs|squashfs|erofs|sysfs|tracefs)$";
    static final String TIMEOUT_ERROR = "mountpoint timeout";
    /** File system types whose statvfs never waits on a network, a user-space daemon or a device. */
    static final Set<String> LOCAL_FS_TYPES = Set.of("ext2", "ext3", "ext4", "xfs", "btrfs", "tmpfs", "ramfs",
            "vfat", "msdos", "exfat", "f2fs", "jfs", "reiserfs", "nilfs2", "bcachefs", "zfs", "squashfs", "erofs",
            "iso9660", "udf");

    private static final String[] LABELS = {"device", "mountpoint", "fstype", "device_error"};
    static final MetricFamily SIZE = MetricFamily.gauge("node_filesystem_size_bytes", "Filesystem size in bytes.",
            LABELS);
    static final MetricFamily FREE = MetricFamily.gauge("node_filesystem_free_bytes",
            "Filesystem free space in bytes.", LABELS);
    static final MetricFamily AVAIL = MetricFamily.gauge("node_filesystem_avail_bytes",
            "Filesystem space available to non-root users in bytes.", LABELS);
    static final MetricFamily FILES = MetricFamily.gauge("node_filesystem_files", "Filesystem total file nodes.",
            LABELS);
    static final MetricFamily FILES_FREE = MetricFamily.gauge("node_filesystem_files_free",
            "Filesystem total free file nodes.", LABELS);
    static final MetricFamily READONLY = MetricFamily.gauge("node_filesystem_readonly",
            "Filesystem read-only status.", LABELS);
    static final MetricFamily DEVICE_ERROR = MetricFamily.gauge("node_filesystem_device_error",
            "Whether an error occurred while getting statistics for the given device.", LABELS);
    static final MetricFamily MOUNT_INFO = MetricFamily.gauge("node_filesystem_mount_info",
            "Filesystem mount information.", "device", "major", "minor", "mountpoint");

    private final ProcFile file;
    private final boolean mountInfoFormat;
    private final String rootfs;
    private final DeviceFilter mountPointFilter;
    private final DeviceFilter fsTypeFilter;
    private final long timeoutNanos;
    private final StatVfs statVfs;
    private final ParseErrors errors;
    private final ParseErrors countingErrors;
    private final MountInfoParser parser = new MountInfoParser();
    private final Mounts mounts = new Mounts();
    private final Map<String, String> labelOf = new HashMap<>();
    private final Map<String, String> statPathOf = new HashMap<>();
    private final Set<String> stuck = ConcurrentHashMap.newKeySet();

    // The mount table as last parsed: unchanged bytes need no new parse or filtering.
    private byte[] lastTable = new byte[0];
    private int lastLength = -1;
    private int parseErrors;

    // per kept mount, reused
    private int kept;
    private int[] index = new int[32];
    private String[] mountLabel = new String[32];
    private String[] statPath = new String[32];
    private String[] error = new String[32];
    private boolean[] local = new boolean[32];
    private long[][] stats = new long[32][StatVfs.RESULT_LENGTH];
    private final String[] labels = new String[4];

    // The statvfs calls of one collect are handed to one long-lived worker thread at once; a worker stuck in
    // the kernel is abandoned and replaced. Guarded by `lock`.
    private final Object lock = new Object();
    private Worker worker;
    private int next;
    private int finished;
    private int total;

    FilesystemCollector(ProcFile file, boolean mountInfoFormat, Path rootfs, DeviceFilter mountPointFilter,
            DeviceFilter fsTypeFilter, Duration timeout, StatVfs statVfs, ParseErrors errors) {
        this.file = file;
        this.mountInfoFormat = mountInfoFormat;
        String r = rootfs.toString();
        this.rootfs = r.equals("/") ? "" : (r.endsWith("/") ? r.substring(0, r.length() - 1) : r);
        this.mountPointFilter = mountPointFilter;
        this.fsTypeFilter = fsTypeFilter;
        this.timeoutNanos = timeout.toNanos();
        this.statVfs = statVfs;
        this.errors = errors;
        this.countingErrors = e -> {
            parseErrors++;
            errors.report(e);
        };
    }

    @Override
    public void collect(MetricSink sink) throws Exception {
        int n = file.read();
        byte[] b = file.bytes();
        if (n != lastLength || parseErrors > 0 || !java.util.Arrays.equals(b, 0, n, lastTable, 0, n)) {
            plan(b, n);
        }
        for (int k = 0; k < kept; k++) {
            error[k] = stuck.contains(mountLabel[k]) ? TIMEOUT_ERROR : null;
        }
        statAll();
        write(sink);
    }

    /** Parses the mount table and picks the mounts to report. */
    private void plan(byte[] b, int n) {
        parseErrors = 0;
        if (mountInfoFormat) {
            parser.parseMountInfo(file.name(), b, n, mounts, countingErrors);
        } else {
            parser.parseMounts(file.name(), b, n, mounts, countingErrors);
        }
        if (lastTable.length < n) {
            lastTable = new byte[Math.max(n, lastTable.length * 2)];
        }
        System.arraycopy(b, 0, lastTable, 0, n);
        lastLength = n;
        ensure(mounts.count);
        kept = 0;
        for (int i = 0; i < mounts.count; i++) {
            String mp = label(mounts.mountPoint[i]);
            if (mountPointFilter.ignored(mp) || fsTypeFilter.ignored(mounts.fsType[i])) {
                continue;
            }
            if (duplicate(i, mp)) {
                continue; // the same file system mounted twice at one place (e.g. over-mounts)
            }
            int k = kept++;
            index[k] = i;
            mountLabel[k] = mp;
            statPath[k] = statPath(mp);
            local[k] = LOCAL_FS_TYPES.contains(mounts.fsType[i]);
        }
    }

    private String statPath(String mountPoint) {
        if (rootfs.isEmpty()) {
            return mountPoint;
        }
        String p = statPathOf.get(mountPoint);
        if (p == null) {
            p = rootfs + mountPoint;
            statPathOf.put(mountPoint, p);
        }
        return p;
    }

    private boolean duplicate(int i, String mp) {
        for (int k = 0; k < kept; k++) {
            int j = index[k];
            if (mountLabel[k].equals(mp) && mounts.device[j].equals(mounts.device[i])
                    && mounts.fsType[j].equals(mounts.fsType[i])) {
                return true;
            }
        }
        return false;
    }

    /**
     * statvfs of every kept mount not known stuck, on the worker, each call bounded by the timeout. A call that
     * exceeds it marks its mount stuck (device_error "mountpoint timeout", skipped until the call returns) and
     * the remaining mounts go to a fresh worker.
     */
    private void statAll() {
        for (int k = 0; k < kept; k++) {
            if (local[k] && error[k] == null) {
                try {
                    error[k] = statVfs.stat(statPath[k], stats[k]);
                } catch (RuntimeException e) {
                    error[k] = String.valueOf(e);
                }
            }
        }
        synchronized (lock) {
            total = kept;
            next = 0;
            finished = 0;
            skipStuck();
            if (next >= total) {
                return;
            }
            if (worker == null) {
                worker = new Worker();
                worker.start();
            }
            lock.notifyAll();
            long deadline = System.nanoTime() + timeoutNanos;
            int progress = finished;
            while (finished < total) {
                long now = System.nanoTime();
                if (finished != progress) {
                    progress = finished;
                    deadline = now + timeoutNanos;
                }
                long remaining = deadline - now;
                if (remaining <= 0 && next > finished) {
                    abandon();
                    progress = finished;
                    deadline = System.nanoTime() + timeoutNanos;
                    continue;
                }
                try {
                    lock.wait(Math.max(1, (remaining + 999_999) / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    for (int k = finished; k < total; k++) {
                        error[k] = "interrupted";
                    }
                    worker.abandoned = true;
                    worker = null;
                    total = 0;
                    lock.notifyAll();
                    return;
                }
            }
        }
    }

    /** Moves {@code next} past mounts already marked stuck (their error is set) or local. Holds the lock. */
    private void skipStuck() {
        while (next < total && (error[next] != null || local[next])) {
            next++;
            finished++;
        }
    }

    /** The worker's current call is late: mark its mount stuck, hand the rest to a new worker. Holds the lock. */
    private void abandon() {
        Worker late = worker;
        late.abandoned = true;
        int k = finished; // the call in progress (the worker takes mounts in order)
        stuck.add(mountLabel[k]); // the late call removes it when it returns
        LOG.warn("statvfs({}) did not return within {} ms; marking the mount point stuck", statPath[k],
                timeoutNanos / 1_000_000);
        error[k] = TIMEOUT_ERROR;
        finished++;
        skipStuck();
        if (finished < total) {
            worker = new Worker();
            worker.start();
        } else {
            worker = null;
        }
    }

    /** One long-lived platform thread doing the statvfs calls (a stuck call would pin a virtual thread). */
    private final class Worker extends Thread {
        final long[] result = new long[StatVfs.RESULT_LENGTH];
        boolean abandoned;

        Worker() {
            super("ktel-statvfs");
            setDaemon(true);
        }

        @Override
        public void run() {
            while (true) {
                String path;
                String mount;
                int k;
                synchronized (lock) {
                    while (!abandoned && next >= total) {
                        try {
                            lock.wait();
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                    if (abandoned) {
                        return;
                    }
                    k = next++;
                    path = statPath[k];
                    mount = mountLabel[k];
                }
                String err;
                try {
                    err = statVfs.stat(path, result);
                } catch (RuntimeException e) {
                    err = String.valueOf(e);
                }
                synchronized (lock) {
                    if (abandoned) {
                        if (stuck.remove(mount)) {
                            LOG.info("mount point {} responds again, monitoring resumes", mount);
                        }
                        return;
                    }
                    System.arraycopy(result, 0, stats[k], 0, result.length);
                    error[k] = err;
                    finished++;
                    skipStuck();
                    if (finished >= total) {
                        lock.notifyAll();
                    }
                }
            }
        }
    }

    private void write(MetricSink sink) {
        if (kept == 0) {
            return;
        }
        sink.family(DEVICE_ERROR);
        for (int k = 0; k < kept; k++) {
            sink.sample(labels(k), error[k] != null ? 1 : 0);
        }
        sink.family(READONLY);
        for (int k = 0; k < kept; k++) {
            sink.sample(labels(k), mounts.readOnly[index[k]] ? 1 : 0);
        }
        writeStat(sink, SIZE, StatVfs.BLOCKS, true);
        writeStat(sink, FREE, StatVfs.BLOCKS_FREE, true);
        writeStat(sink, AVAIL, StatVfs.BLOCKS_AVAIL, true);
        writeStat(sink, FILES, StatVfs.FILES, false);
        writeStat(sink, FILES_FREE, StatVfs.FILES_FREE, false);
        boolean announced = false;
        for (int k = 0; k < kept; k++) {
            if (error[k] != null) {
                continue;
            }
            if (!announced) {
                sink.family(MOUNT_INFO);
                announced = true;
            }
            int i = index[k];
            labels[0] = mounts.device[i];
            labels[1] = mounts.major[i];
            labels[2] = mounts.minor[i];
            labels[3] = mountLabel[k];
            sink.sample(labels, 1);
        }
    }

    private void writeStat(MetricSink sink, MetricFamily family, int field, boolean blocks) {
        boolean announced = false;
        for (int k = 0; k < kept; k++) {
            if (error[k] != null) {
                continue;
            }
            if (!announced) {
                sink.family(family);
                announced = true;
            }
            long[] s = stats[k];
            double v = blocks ? (double) s[field] * (double) s[StatVfs.BLOCK_SIZE] : (double) s[field];
            sink.sample(labels(k), v);
        }
    }

    private String[] labels(int k) {
        int i = index[k];
        labels[0] = mounts.device[i];
        labels[1] = mountLabel[k];
        labels[2] = mounts.fsType[i];
        labels[3] = error[k] == null ? "" : error[k];
        return labels;
    }

    /** The mount point as labelled: with the root file system path stripped, as node_exporter. */
    private String label(String mountPoint) {
        if (rootfs.isEmpty()) {
            return mountPoint;
        }
        return labelOf.computeIfAbsent(mountPoint, m -> {
            if (!m.startsWith(rootfs)) {
                return m;
            }
            String s = m.substring(rootfs.length());
            return s.isEmpty() ? "/" : s;
        });
    }

    private void ensure(int n) {
        if (index.length < n) {
            int cap = Math.max(n, index.length * 2);
            index = java.util.Arrays.copyOf(index, cap);
            mountLabel = java.util.Arrays.copyOf(mountLabel, cap);
            statPath = java.util.Arrays.copyOf(statPath, cap);
            error = java.util.Arrays.copyOf(error, cap);
            local = java.util.Arrays.copyOf(local, cap);
            long[][] s = new long[cap][];
            for (int i = 0; i < cap; i++) {
                s[i] = i < stats.length ? stats[i] : new long[StatVfs.RESULT_LENGTH];
            }
            stats = s;
        }
        if (labelOf.size() > 4096) {
            labelOf.clear();
            statPathOf.clear();
        }
    }

    @Override
    public void close() {
        file.close();
        synchronized (lock) {
            if (worker != null) {
                worker.abandoned = true;
                worker.interrupt();
                worker = null;
            }
            lock.notifyAll();
        }
    }

    /** "5s", "500ms", "1m", "1m30s" (Go duration syntax, as node_exporter's flag). */
    static Duration parseDuration(String text) {
        String t = text.strip();
        if (t.isEmpty()) {
            throw new IllegalArgumentException("empty duration");
        }
        Duration total = Duration.ZERO;
        int p = 0;
        while (p < t.length()) {
            int s = p;
            while (p < t.length() && (Character.isDigit(t.charAt(p)) || t.charAt(p) == '.')) {
                p++;
            }
            int u = p;
            while (p < t.length() && Character.isLetter(t.charAt(p))) {
                p++;
            }
            if (s == u || u == p) {
                throw new IllegalArgumentException("invalid duration \"" + text + "\" (e.g. 5s, 500ms, 1m)");
            }
            double v = Double.parseDouble(t.substring(s, u));
            long nanosPerUnit = switch (t.substring(u, p)) {
                case "ns" -> 1L;
                case "us", "µs" -> 1_000L;
                case "ms" -> 1_000_000L;
                case "s" -> 1_000_000_000L;
                case "m" -> 60_000_000_000L;
                case "h" -> 3_600_000_000_000L;
                default -> throw new IllegalArgumentException("invalid duration unit in \"" + text + "\"");
            };
            total = total.plusNanos((long) (v * nanosPerUnit));
        }
        return total;
    }

    /** Registered in META-INF/services. */
    public static final class Factory implements CollectorFactory {
        private final StatVfs statVfs;

        public Factory() {
            this(null);
        }

        Factory(StatVfs statVfs) {
            this.statVfs = statVfs;
        }

        @Override
        public String name() {
            return "filesystem";
        }

        @Override
        public String description() {
            return "File system size and free space (statvfs) for the mounts of /proc/1/mountinfo.";
        }

        @Override
        public List<CollectorOption> options() {
            return List.of(
                    new CollectorOption("mount-points-exclude", DEFAULT_MOUNT_POINTS_EXCLUDE,
                            "Regexp of mount points to exclude (mutually exclusive to mount-points-include)."),
                    new CollectorOption("mount-points-include", "",
                            "Regexp of mount points to include (mutually exclusive to mount-points-exclude)."),
                    new CollectorOption("fs-types-exclude", DEFAULT_FS_TYPES_EXCLUDE,
                            "Regexp of file system types to exclude (mutually exclusive to fs-types-include)."),
                    new CollectorOption("fs-types-include", "",
                            "Regexp of file system types to include (mutually exclusive to fs-types-exclude)."),
                    new CollectorOption("mount-timeout", "5s",
                            "How long to wait for statvfs on a mount before reporting it stuck (device_error)."));
        }

        @Override
        public Collector create(CollectorContext ctx) throws CollectorUnavailableException {
            Path mountInfo = ctx.paths().proc("1/mountinfo");
            boolean infoFormat = Files.isReadable(mountInfo);
            Path p = infoFormat ? mountInfo : ctx.requireFile(ctx.paths().proc("mounts"),
                    "neither " + mountInfo + " nor the mount table is readable");
            DeviceFilter mps = DeviceFilter.fromOptions(ctx, "mount-points-exclude", DEFAULT_MOUNT_POINTS_EXCLUDE,
                    "mount-points-include");
            DeviceFilter types = DeviceFilter.fromOptions(ctx, "fs-types-exclude", DEFAULT_FS_TYPES_EXCLUDE,
                    "fs-types-include");
            Duration timeout;
            try {
                timeout = parseDuration(ctx.option("mount-timeout", "5s"));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("collector.filesystem.mount-timeout: " + e.getMessage());
            }
            StatVfs impl = statVfs;
            if (impl == null) {
                try {
                    impl = LibcStatVfs.load();
                } catch (UnsupportedOperationException | IllegalCallerException e) {
                    throw new CollectorUnavailableException("statvfs not callable: " + e.getMessage());
                }
            }
            return new FilesystemCollector(new ProcFile(p, 8192), infoFormat, ctx.paths().rootfs(), mps, types,
                    timeout, impl, ctx.errors());
        }
    }
}
