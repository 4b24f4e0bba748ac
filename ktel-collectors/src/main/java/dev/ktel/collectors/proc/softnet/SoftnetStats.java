package dev.ktel.collectors.proc.softnet;

import java.util.Arrays;

/** Per-CPU rows of /proc/net/softnet_stat. Mutable holder, reused. */
public final class SoftnetStats {
    public int count;
    public int[] cpu = new int[64];
    public long[] processed = new long[64];
    public long[] dropped = new long[64];
    public long[] timeSqueezed = new long[64];
    public long[] cpuCollision = new long[64];
    public long[] receivedRps = new long[64];
    public long[] flowLimitCount = new long[64];
    public long[] backlogLen = new long[64];

    int add() {
        if (count == cpu.length) {
            int n = count * 2;
            cpu = Arrays.copyOf(cpu, n);
            processed = Arrays.copyOf(processed, n);
            dropped = Arrays.copyOf(dropped, n);
            timeSqueezed = Arrays.copyOf(timeSqueezed, n);
            cpuCollision = Arrays.copyOf(cpuCollision, n);
            receivedRps = Arrays.copyOf(receivedRps, n);
            flowLimitCount = Arrays.copyOf(flowLimitCount, n);
            backlogLen = Arrays.copyOf(backlogLen, n);
        }
        return count++;
    }
}
