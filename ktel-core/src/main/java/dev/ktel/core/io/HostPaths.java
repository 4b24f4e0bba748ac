package dev.ktel.core.io;

import java.nio.file.Path;

/**
 * Where the host's pseudo-filesystems are mounted. Collectors never hard-code /proc or /sys: the
 * {@code --path.procfs}, {@code --path.sysfs} and {@code --path.rootfs} flags (node_exporter's names) point
 * them at a captured tree for tests or at the host's from inside a container.
 */
public record HostPaths(Path procfs, Path sysfs, Path rootfs, Path udevData) {

    public static HostPaths host() {
        return new HostPaths(Path.of("/proc"), Path.of("/sys"), Path.of("/"), Path.of("/run/udev/data"));
    }

    public static HostPaths of(Path procfs, Path sysfs, Path rootfs) {
        return new HostPaths(procfs, sysfs, rootfs, rootfs.resolve("run/udev/data"));
    }

    public Path proc(String relative) {
        return procfs.resolve(relative);
    }

    public Path sys(String relative) {
        return sysfs.resolve(relative);
    }

    /** A path of the host's root filesystem, e.g. {@code root("etc/os-release")}. */
    public Path root(String relative) {
        return rootfs.resolve(relative);
    }

    /** True when the paths are the running host's own (not a captured tree). */
    public boolean isLiveHost() {
        return procfs.equals(Path.of("/proc")) && sysfs.equals(Path.of("/sys"));
    }
}
