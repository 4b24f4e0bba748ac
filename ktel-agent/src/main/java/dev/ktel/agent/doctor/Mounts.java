package dev.ktel.agent.doctor;

import dev.ktel.core.io.HostPaths;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The mount table from {@code <procfs>/mounts} (fstab format: device, mount point, type, options, dump, pass;
 * blanks in paths escaped as octal {@code \040}). See proc(5).
 */
record Mounts(List<Mount> all) {

    record Mount(String device, String mountPoint, String fsType, List<String> options) {
    }

    /** Reads the table; a missing file gives an empty table, malformed lines are skipped. */
    static Mounts read(HostPaths paths) throws IOException {
        return parse(HostFiles.readLines(paths.proc("mounts")).orElse(List.of()));
    }

    static Mounts parse(List<String> lines) {
        List<Mount> mounts = new ArrayList<>();
        for (String line : lines) {
            String[] f = line.strip().split("\\s+");
            if (f.length < 4) {
                continue;
            }
            mounts.add(new Mount(unescape(f[0]), unescape(f[1]), f[2], Arrays.asList(f[3].split(","))));
        }
        return new Mounts(List.copyOf(mounts));
    }

    List<Mount> ofType(String fsType) {
        return all.stream().filter(m -> m.fsType().equals(fsType)).toList();
    }

    /** The last mount at this point wins, as in the kernel's view. */
    Optional<Mount> at(String mountPoint) {
        Mount found = null;
        for (Mount m : all) {
            if (m.mountPoint().equals(mountPoint)) {
                found = m;
            }
        }
        return Optional.ofNullable(found);
    }

    static String unescape(String s) {
        if (s.indexOf('\\') < 0) {
            return s;
        }
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && isOctal(s, i + 1)) {
                sb.append((char) Integer.parseInt(s.substring(i + 1, i + 4), 8));
                i += 3;
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    private static boolean isOctal(String s, int from) {
        if (from + 3 > s.length()) {
            return false;
        }
        for (int i = from; i < from + 3; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '7') {
                return false;
            }
        }
        return true;
    }
}
