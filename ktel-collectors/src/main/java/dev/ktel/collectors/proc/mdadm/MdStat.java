package dev.ktel.collectors.proc.mdadm;

import java.util.Arrays;

/** The md arrays of /proc/mdstat. Mutable holder, reused between scrapes; arrays grow with the array count. */
public final class MdStat {
    /** Activity states as node_exporter's node_md_state reports them (reshaping has no series). */
    public static final int ACTIVE = 0;
    public static final int INACTIVE = 1;
    public static final int RECOVERING = 2;
    public static final int RESYNCING = 3;
    public static final int CHECKING = 4;
    public static final int RESHAPING = 5;
    public static final int OTHER = 6;

    public int count;
    public String[] name = new String[8];
    public int[] state = new int[8];
    public long[] disksActive = new long[8];
    public long[] disksTotal = new long[8];
    public long[] disksFailed = new long[8];
    public long[] disksSpare = new long[8];
    public long[] disksDown = new long[8];
    public long[] blocks = new long[8];
    public long[] blocksSynced = new long[8];

    void ensure(int n) {
        if (n > name.length) {
            int cap = Math.max(n, name.length * 2);
            name = Arrays.copyOf(name, cap);
            state = Arrays.copyOf(state, cap);
            disksActive = Arrays.copyOf(disksActive, cap);
            disksTotal = Arrays.copyOf(disksTotal, cap);
            disksFailed = Arrays.copyOf(disksFailed, cap);
            disksSpare = Arrays.copyOf(disksSpare, cap);
            disksDown = Arrays.copyOf(disksDown, cap);
            blocks = Arrays.copyOf(blocks, cap);
            blocksSynced = Arrays.copyOf(blocksSynced, cap);
        }
    }
}
