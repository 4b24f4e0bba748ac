package dev.ktel.collectors.proc.netstat;

import java.util.Arrays;

/**
 * Counters of /proc/net/netstat, /proc/net/snmp and /proc/net/snmp6 as {@code Proto_Field} keys (cached
 * Strings, e.g. {@code Tcp_RetransSegs}, {@code Ip6_InOctets}) and values. Mutable holder, reused.
 */
public final class NetStatValues {
    public int count;
    public String[] keys = new String[256];
    public double[] values = new double[256];

    public void clear() {
        count = 0;
    }

    void add(String key, double value) {
        if (count == keys.length) {
            keys = Arrays.copyOf(keys, count * 2);
            values = Arrays.copyOf(values, count * 2);
        }
        keys[count] = key;
        values[count++] = value;
    }

    /** The value of a key, or NaN; for tests and tools (linear search). */
    public double get(String key) {
        for (int i = 0; i < count; i++) {
            if (keys[i].equals(key)) {
                return values[i];
            }
        }
        return Double.NaN;
    }
}
