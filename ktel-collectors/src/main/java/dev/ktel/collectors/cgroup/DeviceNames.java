package dev.ktel.collectors.cgroup;

import dev.ktel.core.io.HostPaths;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Block device names for major:minor numbers, from {@code <sysfs>/dev/block/MAJ:MIN/uevent} (DEVNAME), as
 * cAdvisor's {@code device} label ("/dev/sda"); "" when sysfs does not know the device. Cached per device
 * (a host has few); misses are retried at most once a minute.
 */
final class DeviceNames {
    private final HostPaths paths;
    private long[] keys = new long[16];
    private String[] names = new String[16];
    /** {device, major, minor} label values per device, built once. */
    private String[][] labels = new String[16][];
    private long[] checkedAt = new long[16];
    private int size;

    DeviceNames(HostPaths paths) {
        this.paths = paths;
    }

    String name(int major, int minor) {
        return names[index(major, minor)];
    }

    /** The label values {device, major, minor} of a device; the same array each time (do not modify). */
    String[] labels(int major, int minor) {
        int i = index(major, minor);
        String[] l = labels[i];
        if (l[0] != names[i]) {
            l = labels[i] = new String[] {names[i], l[1], l[2]};
        }
        return l;
    }

    private int index(int major, int minor) {
        long key = ((long) major << 32) | (minor & 0xffffffffL);
        for (int i = 0; i < size; i++) {
            if (keys[i] == key) {
                if (names[i].isEmpty() && System.nanoTime() - checkedAt[i] > 60_000_000_000L) {
                    names[i] = lookup(major, minor);
                    checkedAt[i] = System.nanoTime();
                }
                return i;
            }
        }
        if (size == keys.length) {
            keys = java.util.Arrays.copyOf(keys, size * 2);
            names = java.util.Arrays.copyOf(names, size * 2);
            labels = java.util.Arrays.copyOf(labels, size * 2);
            checkedAt = java.util.Arrays.copyOf(checkedAt, size * 2);
        }
        keys[size] = key;
        names[size] = lookup(major, minor);
        labels[size] = new String[] {names[size], Integer.toString(major), Integer.toString(minor)};
        checkedAt[size] = System.nanoTime();
        return size++;
    }

    private String lookup(int major, int minor) {
        Path uevent = paths.sys("dev/block/" + major + ":" + minor + "/uevent");
        try {
            for (String line : Files.readAllLines(uevent)) {
                if (line.startsWith("DEVNAME=")) {
                    return "/dev/" + line.substring("DEVNAME=".length());
                }
            }
        } catch (IOException e) {
            // unknown device: empty label, as cAdvisor does for devices it cannot name
        }
        return "";
    }
}
