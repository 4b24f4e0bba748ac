package dev.ktel.collectors.cgroup;

import dev.ktel.core.io.HostPaths;
import dev.ktel.core.io.ProcFile;
import dev.ktel.core.text.ParseErrors;
import dev.ktel.core.text.TextScanner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Where this host mounts its cgroup hierarchies, read from the mount table
 * ({@code <procfs>/self/mountinfo}, else {@code <procfs>/1/mountinfo}, else {@code <procfs>/mounts}; see
 * proc(5) and https://docs.kernel.org/admin-guide/cgroup-v2.html). Three shapes exist and none is assumed:
 * <ul>
 *   <li>v1: one {@code cgroup} mount per controller or group of co-mounted controllers (cpu,cpuacct);</li>
 *   <li>v2: one {@code cgroup2} mount (the unified hierarchy) with every controller;</li>
 *   <li>hybrid: v1 controllers plus a {@code cgroup2} mount (often /sys/fs/cgroup/unified) that holds the
 *       controllers no v1 mount claims and, on 4.20+, per-cgroup PSI files.</li>
 * </ul>
 * Mount points are mapped onto {@link HostPaths}: {@code /sys/fs/cgroup/...} under the cgroupfs root
 * {@link #cgroupfs(HostPaths) <sysfs>/fs/cgroup}, other {@code /sys/...} under sysfs, anything else under rootfs.
 */
public final class CgroupLayout {

    /** The shape of the host's cgroup mounts. */
    public enum Mode { V1, V2, HYBRID, NONE }

    /** v1 controllers we know; anything else in a cgroup mount's options is a mount option. */
    static final Set<String> V1_CONTROLLERS = Set.of("cpu", "cpuacct", "cpuset", "memory", "devices", "freezer",
            "net_cls", "net_prio", "blkio", "perf_event", "hugetlb", "pids", "rdma", "misc");

    private final Map<String, Path> v1;
    private final Path unified;
    private final String source;

    CgroupLayout(Map<String, Path> v1, Path unified, String source) {
        this.v1 = Collections.unmodifiableMap(new TreeMap<>(v1));
        this.unified = unified;
        this.source = source;
    }

    /** The cgroupfs root: {@code <sysfs>/fs/cgroup} (ktel-core's HostPaths has no separate field for it). */
    public static Path cgroupfs(HostPaths paths) {
        return paths.sys("fs/cgroup");
    }

    /** Reads the mount table of the given host paths. */
    public static CgroupLayout detect(HostPaths paths, ParseErrors errors) throws IOException {
        List<Path> candidates = paths.isLiveHost()
                ? List.of(paths.proc("self/mountinfo"), paths.proc("1/mountinfo"), paths.proc("mounts"))
                // pointed at a host's procfs from a container: pid 1 is the host's init, self is not us
                : List.of(paths.proc("1/mountinfo"), paths.proc("self/mountinfo"), paths.proc("mounts"));
        for (Path p : candidates) {
            if (Files.isReadable(p)) {
                try (ProcFile f = new ProcFile(p, 16384)) {
                    int n = f.read();
                    return parse(f.name(), f.bytes(), n, p.getFileName().toString().equals("mountinfo"), paths,
                            errors);
                }
            }
        }
        throw new IOException("no mount table: none of " + candidates + " is readable");
    }

    /**
     * Parses a mount table: mountinfo format ({@code 31 30 0:28 / /sys/fs/cgroup/cpu rw,relatime - cgroup
     * cgroup rw,cpu}) or /proc/mounts format ({@code cgroup /sys/fs/cgroup/cpu cgroup rw,relatime,cpu 0 0}).
     * The first mount of each controller wins (later ones are bind mounts of it).
     */
    public static CgroupLayout parse(String source, byte[] data, int length, boolean mountinfo, HostPaths paths,
            ParseErrors errors) {
        TextScanner s = new TextScanner();
        s.reset(source, data, length);
        Map<String, Path> v1 = new LinkedHashMap<>();
        Path unified = null;
        while (s.nextLine()) {
            if (s.fieldCount() == 0) {
                continue;
            }
            String mountPoint;
            String fsType;
            String options;
            if (mountinfo) {
                int sep = -1;
                for (int i = 6; i < s.fieldCount(); i++) {
                    if (s.fieldEquals(i, "-")) {
                        sep = i;
                        break;
                    }
                }
                if (sep < 0 || s.fieldCount() < sep + 2) {
                    errors.report(s.lineError("expected \"ID PARENT MAJ:MIN ROOT MOUNTPOINT OPTS ... - FSTYPE "
                            + "SOURCE SUPEROPTS\""));
                    continue;
                }
                mountPoint = unescape(s.text(4));
                fsType = s.text(sep + 1);
                options = s.fieldCount() > sep + 3 ? s.text(sep + 3) : "";
            } else {
                if (s.fieldCount() < 4) {
                    errors.report(s.lineError("expected \"SOURCE MOUNTPOINT FSTYPE OPTIONS ...\""));
                    continue;
                }
                mountPoint = unescape(s.text(1));
                fsType = s.text(2);
                options = s.text(3);
            }
            if (fsType.equals("cgroup2")) {
                if (unified == null) {
                    unified = hostPath(paths, mountPoint);
                }
            } else if (fsType.equals("cgroup")) {
                Path dir = hostPath(paths, mountPoint);
                for (String opt : options.split(",")) {
                    if (V1_CONTROLLERS.contains(opt) || opt.startsWith("name=")) {
                        v1.putIfAbsent(opt, dir);
                    }
                }
            }
        }
        return new CgroupLayout(v1, unified, source);
    }

    /** Maps a mount point of the host's mount table onto the configured host paths. */
    static Path hostPath(HostPaths paths, String mountPoint) {
        if (mountPoint.equals("/sys/fs/cgroup")) {
            return cgroupfs(paths);
        }
        if (mountPoint.startsWith("/sys/fs/cgroup/")) {
            return cgroupfs(paths).resolve(mountPoint.substring("/sys/fs/cgroup/".length()));
        }
        if (mountPoint.startsWith("/sys/")) {
            return paths.sys(mountPoint.substring("/sys/".length()));
        }
        return paths.root(mountPoint.startsWith("/") ? mountPoint.substring(1) : mountPoint);
    }

    /** Mount tables escape space, tab, newline and backslash as \040, \011, \012, \134. */
    static String unescape(String s) {
        if (s.indexOf('\\') < 0) {
            return s;
        }
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 3 < s.length()
                    && isOctal(s.charAt(i + 1)) && isOctal(s.charAt(i + 2)) && isOctal(s.charAt(i + 3))) {
                b.append((char) ((s.charAt(i + 1) - '0') * 64 + (s.charAt(i + 2) - '0') * 8 + (s.charAt(i + 3) - '0')));
                i += 3;
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    private static boolean isOctal(char c) {
        return c >= '0' && c <= '7';
    }

    public Mode mode() {
        boolean anyV1 = v1.keySet().stream().anyMatch(V1_CONTROLLERS::contains);
        if (anyV1 && unified != null) {
            return Mode.HYBRID;
        }
        if (anyV1) {
            return Mode.V1;
        }
        return unified != null ? Mode.V2 : Mode.NONE;
    }

    /** Directory of a v1 controller's hierarchy, or null when that controller is not mounted as v1. */
    public Path v1(String controller) {
        return v1.get(controller);
    }

    /** controller (or name=...) to mount directory, sorted. */
    public Map<String, Path> v1Controllers() {
        return v1;
    }

    /** The cgroup2 mount directory, or null. */
    public Path unified() {
        return unified;
    }

    /** Which mount table this was read from. */
    public String source() {
        return source;
    }

    /** The distinct hierarchy directories: v1 mounts (co-mounted controllers once), then the unified one. */
    public List<Path> roots() {
        List<Path> roots = new ArrayList<>();
        for (Path p : v1.values()) {
            if (!roots.contains(p)) {
                roots.add(p);
            }
        }
        if (unified != null && !roots.contains(unified)) {
            roots.add(unified);
        }
        return roots;
    }

    @Override
    public String toString() {
        return mode() + " v1=" + v1 + " v2=" + unified + " (from " + source + ")";
    }
}
