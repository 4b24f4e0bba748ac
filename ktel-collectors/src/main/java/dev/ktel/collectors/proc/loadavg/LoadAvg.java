package dev.ktel.collectors.proc.loadavg;

/** The three load averages of /proc/loadavg. Mutable holder, reused between scrapes. */
public final class LoadAvg {
    public double load1;
    public double load5;
    public double load15;
}
