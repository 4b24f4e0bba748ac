package dev.ktel.collectors.host.filesystem;

import java.util.Arrays;

/** The mount table: per mount its source device, mount point, type, device numbers and read-only flag. */
public final class Mounts {
    public int count;
    public String[] device = new String[32];
    public String[] mountPoint = new String[32];
    public String[] fsType = new String[32];
    public String[] major = new String[32];
    public String[] minor = new String[32];
    /** "ro" in the mount options, or "ro"/"emergency_ro" in the super options. */
    public boolean[] readOnly = new boolean[32];

    void ensure(int n) {
        if (n > device.length) {
            int cap = Math.max(n, device.length * 2);
            device = Arrays.copyOf(device, cap);
            mountPoint = Arrays.copyOf(mountPoint, cap);
            fsType = Arrays.copyOf(fsType, cap);
            major = Arrays.copyOf(major, cap);
            minor = Arrays.copyOf(minor, cap);
            readOnly = Arrays.copyOf(readOnly, cap);
        }
    }
}
