package dev.ktel.collectors.process;

import dev.ktel.core.text.ParseErrors;
import dev.ktel.core.text.StringCache;
import dev.ktel.core.text.TextScanner;

/**
 * Picks one cgroup path from /proc/PID/cgroup (v1 lines {@code 4:memory:/docker/abc}, v2 line
 * {@code 0::/system.slice/ssh.service}; see cgroups(7)). On v1 and hybrid hosts the memory controller's path
 * is preferred, then cpu's (possibly co-mounted "cpu,cpuacct"), because those hierarchies carry the container
 * layout runtimes create; the v2 path is used when the process has no such v1 line (pure v2 hosts). Pure;
 * allocation-free after warm-up (paths are cached).
 */
public final class ProcPidCgroupParser {
    private final TextScanner scanner = new TextScanner(":");
    private final StringCache paths = new StringCache(1024);

    /** The chosen path, or null when the file had no usable line. */
    public String parse(String source, byte[] data, int length, ParseErrors errors) {
        scanner.reset(source, data, length);
        String memory = null;
        String cpu = null;
        String v2 = null;
        while (scanner.nextLine()) {
            int ls = scanner.lineStart();
            int le = scanner.lineEnd();
            if (le == ls) {
                continue;
            }
            // ID:CONTROLLERS:PATH, where PATH may itself contain ':'
            int c1 = indexOf(data, ls, le, (byte) ':');
            int c2 = c1 < 0 ? -1 : indexOf(data, c1 + 1, le, (byte) ':');
            if (c2 < 0 || c2 + 1 >= le || data[c2 + 1] != '/') {
                errors.report(scanner.lineError("expected \"ID:CONTROLLERS:/PATH\""));
                continue;
            }
            if (c2 == c1 + 1) {
                v2 = paths.get(data, c2 + 1, le);
            } else if (memory == null && hasController(data, c1 + 1, c2, "memory")) {
                memory = paths.get(data, c2 + 1, le);
            } else if (cpu == null && hasController(data, c1 + 1, c2, "cpu")) {
                cpu = paths.get(data, c2 + 1, le);
            }
        }
        return memory != null ? memory : cpu != null ? cpu : v2;
    }

    private static int indexOf(byte[] b, int from, int to, byte c) {
        for (int i = from; i < to; i++) {
            if (b[i] == c) {
                return i;
            }
        }
        return -1;
    }

    /** True when the comma-separated list b[s, e) contains {@code name}. */
    private static boolean hasController(byte[] b, int s, int e, String name) {
        int i = s;
        while (i < e) {
            int j = i;
            while (j < e && b[j] != ',') {
                j++;
            }
            if (j - i == name.length()) {
                boolean eq = true;
                for (int k = 0; k < name.length(); k++) {
                    if (b[i + k] != name.charAt(k)) {
                        eq = false;
                        break;
                    }
                }
                if (eq) {
                    return true;
                }
            }
            i = j + 1;
        }
        return false;
    }
}
