package dev.ktel.collectors.proc.conntrack;

/** /proc/net/stat/nf_conntrack summed over CPUs; one slot per exported column. Mutable holder, reused. */
public final class ConntrackStat {
    /** Header names of the exported columns, in slot order. */
    public static final String[] COLUMNS = {"found", "invalid", "ignore", "insert", "insert_failed", "drop",
        "early_drop", "search_restart"};

    public final long[] sums = new long[COLUMNS.length];
    /** Whether the header had the column (search_restart needs 2.6.35+). */
    public final boolean[] present = new boolean[COLUMNS.length];
    /** CPU lines summed. */
    public int cpus;

    public long get(String column) {
        for (int i = 0; i < COLUMNS.length; i++) {
            if (COLUMNS[i].equals(column)) {
                return sums[i];
            }
        }
        throw new IllegalArgumentException(column);
    }
}
