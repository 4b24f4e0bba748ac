package dev.ktel.agent.doctor;

import dev.ktel.core.io.HostPaths;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * The kernel log device {@code <rootfs>/dev/kmsg}: opened for reading and closed again without reading (opening
 * does not consume records), and {@code kernel.dmesg_restrict}. See Documentation/ABI/testing/dev-kmsg.
 */
final class KmsgCheck implements DoctorCheck {
    static final String NAME = "kmsg";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Check run(HostPaths paths) throws Exception {
        Path kmsg = paths.root("dev/kmsg");
        Optional<Long> restrict = HostFiles.readLong(paths.proc("sys/kernel/dmesg_restrict"));
        String sysctl = "kernel.dmesg_restrict=" + restrict.map(String::valueOf).orElse("absent");
        if (!Files.exists(kmsg)) {
            return Check.missing(NAME, "/dev/kmsg does not exist; " + sysctl,
                    "no kernel log events (OOM kills, hung tasks, I/O errors); in a container, mount the host's "
                            + "/dev/kmsg");
        }
        try (FileChannel ch = FileChannel.open(kmsg, StandardOpenOption.READ)) {
            return Check.ok(NAME, "/dev/kmsg opened for reading; " + sysctl,
                    "ktel can stream kernel log records (OOM kills, hung tasks, I/O and hardware errors) as events");
        } catch (AccessDeniedException e) {
            return Check.degraded(NAME, "/dev/kmsg: permission denied; " + sysctl,
                    "no kernel log events: " + (restrict.orElse(0L) == 1
                            ? "kernel.dmesg_restrict=1 requires CAP_SYSLOG (or run as root)"
                            : "the device is not readable by this user; grant CAP_SYSLOG or run as root"));
        } catch (NoSuchFileException e) {
            return Check.missing(NAME, "/dev/kmsg: " + e.getMessage() + "; " + sysctl,
                    "no kernel log events");
        } catch (IOException e) {
            return Check.degraded(NAME, "/dev/kmsg: open failed: " + e + "; " + sysctl,
                    "no kernel log events until /dev/kmsg can be opened");
        }
    }
}
