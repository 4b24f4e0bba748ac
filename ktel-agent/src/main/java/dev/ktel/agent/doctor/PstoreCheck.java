package dev.ktel.agent.doctor;

import dev.ktel.core.io.HostPaths;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * pstore, the persistent store for kernel oops/panic logs across reboots: mounted at /sys/fs/pstore (per
 * {@code <procfs>/mounts}), how many records it holds, and the backend from
 * {@code <sysfs>/module/pstore/parameters/backend}. See Documentation/admin-guide/pstore-blk.rst / ramoops.rst.
 */
final class PstoreCheck implements DoctorCheck {
    static final String NAME = "pstore";
    static final String MOUNT_POINT = "/sys/fs/pstore";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Check run(HostPaths paths) throws Exception {
        Mounts mounts = Mounts.read(paths);
        Optional<String> backend = HostFiles.readFirstLine(paths.sys("module/pstore/parameters/backend"))
                .filter(s -> !s.isEmpty() && !s.equals("(null)"));
        String backendText = "backend " + backend.orElse("none registered");
        Optional<String> at = mounts.ofType("pstore").stream().map(Mounts.Mount::mountPoint).findFirst();
        if (at.isEmpty()) {
            return Check.missing(NAME, "pstore not mounted (" + MOUNT_POINT + "); " + backendText,
                    "no postmortem after a kernel panic: oops/panic logs of the previous boot are not visible; "
                            + "mount -t pstore pstore " + MOUNT_POINT + " (needs a backend such as efi_pstore "
                            + "or ramoops)");
        }
        Path dir = HostFiles.resolve(paths, at.get());
        long records;
        try (Stream<Path> s = Files.list(dir)) {
            records = s.count();
        }
        String detail = "mounted at " + at.get() + ", " + records + " record" + (records == 1 ? "" : "s") + "; "
                + backendText;
        if (backend.isEmpty()) {
            return Check.degraded(NAME, detail,
                    "mounted but no pstore backend: kernel panics are not recorded for the next boot");
        }
        return Check.ok(NAME, detail,
                records > 0
                        ? "ktel can report oops/panic records left by a previous boot (postmortem)"
                        : "ktel can report oops/panic records after a future panic; none are stored now");
    }
}
