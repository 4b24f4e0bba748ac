package dev.ktel.collectors.proc.arp;

import java.util.Arrays;

/** Number of /proc/net/arp entries per device, in order of first appearance. Mutable holder, reused. */
public final class ArpEntries {
    public int count;
    public String[] devices = new String[8];
    public long[] entries = new long[8];

    void increment(String device) {
        for (int i = 0; i < count; i++) {
            if (devices[i] == device) { // cached Strings: identity is enough
                entries[i]++;
                return;
            }
        }
        if (count == devices.length) {
            devices = Arrays.copyOf(devices, count * 2);
            entries = Arrays.copyOf(entries, count * 2);
        }
        devices[count] = device;
        entries[count++] = 1;
    }

    /** Entries of one device (0 when absent); for tests and tools. */
    public long get(String device) {
        for (int i = 0; i < count; i++) {
            if (devices[i].equals(device)) {
                return entries[i];
            }
        }
        return 0;
    }
}
