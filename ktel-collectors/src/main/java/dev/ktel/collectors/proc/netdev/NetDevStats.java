package dev.ktel.collectors.proc.netdev;

import java.util.Arrays;

/** The rows of /proc/net/dev: per device the 16 counters in file order. Mutable holder, reused. */
public final class NetDevStats {
    /** Counters per device, in the column order of /proc/net/dev. */
    public static final int COLUMNS = 16;

    public int count;
    public String[] devices = new String[16];
    public long[][] values = new long[16][COLUMNS];

    long[] add(String device) {
        if (count == devices.length) {
            devices = Arrays.copyOf(devices, count * 2);
            values = Arrays.copyOf(values, count * 2);
            for (int i = count; i < values.length; i++) {
                values[i] = new long[COLUMNS];
            }
        }
        devices[count] = device;
        return values[count++];
    }

    public long value(int device, int column) {
        return values[device][column];
    }
}
