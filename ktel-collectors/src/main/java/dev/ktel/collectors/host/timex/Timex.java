package dev.ktel.collectors.host.timex;

/**
 * The fields of {@code struct timex} that node_exporter exports, plus the adjtimex(2) return value (clock
 * state). Mutable holder, reused between scrapes.
 */
public final class Timex {
    /** adjtimex(2) return value: TIME_OK (0) .. TIME_ERROR (5). */
    public int state;
    public long offset;
    public long freq;
    public long maxerror;
    public long esterror;
    public int status;
    public long constant;
    public long tick;
    public long ppsfreq;
    public long jitter;
    public int shift;
    public long stabil;
    public long jitcnt;
    public long calcnt;
    public long errcnt;
    public long stbcnt;
    public int tai;
}
