package dev.ktel.agent.doctor;

import dev.ktel.core.io.HostPaths;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Optional;

/** Locates a mounted tracefs: /sys/kernel/tracing, then /sys/kernel/debug/tracing, then any other tracefs mount. */
final class Tracefs {
    static final String PRIMARY = "/sys/kernel/tracing";
    static final String LEGACY = "/sys/kernel/debug/tracing";

    private Tracefs() {
    }

    /** The host path of the tracefs mount to use, if any. */
    static Optional<String> find(HostPaths paths, Mounts mounts) throws IOException {
        for (String candidate : new String[] {PRIMARY, LEGACY}) {
            Optional<Mounts.Mount> m = mounts.at(candidate);
            if (m.isPresent() && m.get().fsType().equals("tracefs")) {
                return Optional.of(candidate);
            }
        }
        Optional<String> other = mounts.ofType("tracefs").stream().map(Mounts.Mount::mountPoint).findFirst();
        if (other.isPresent()) {
            return other;
        }
        // With debugfs mounted, debug/tracing is an automount that shows in /proc/mounts only once touched.
        Optional<Mounts.Mount> debugfs = mounts.at("/sys/kernel/debug");
        if (debugfs.isPresent() && debugfs.get().fsType().equals("debugfs")
                && Files.exists(HostFiles.resolve(paths, LEGACY + "/available_events"))) {
            return Optional.of(LEGACY);
        }
        return Optional.empty();
    }

    /** Whether /proc/filesystems lists tracefs (CONFIG_TRACING); empty when the file is missing. */
    static Optional<Boolean> kernelSupports(HostPaths paths) throws IOException {
        return HostFiles.readLines(paths.proc("filesystems"))
                .map(lines -> lines.stream().anyMatch(l -> {
                    String[] f = l.strip().split("\\s+");
                    return f[f.length - 1].equals("tracefs");
                }));
    }
}
