package dev.ktel.pipeline.fidelity;

import dev.ktel.core.io.ProcFile;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The process's utime + stime from {@code /proc/self/stat} (fields 14 and 15, in clock ticks of 1/100 s):
 * what the kernel charges the agent, GC and JIT threads included. Not thread-safe (one reused buffer).
 */
public final class ProcSelfCpuTime implements CpuTimeSource {
    private static final long NANOS_PER_TICK = 10_000_000L; // USER_HZ = 100 on every Linux ABI the JDK supports

    private final ProcFile stat;

    public ProcSelfCpuTime() {
        this(Path.of("/proc/self/stat"));
    }

    public ProcSelfCpuTime(Path statFile) {
        this.stat = new ProcFile(statFile, 1024);
    }

    @Override
    public long cpuNanos() throws IOException {
        int n = stat.read();
        byte[] b = stat.bytes();
        int i = n - 1;
        while (i >= 0 && b[i] != ')') {
            i--; // comm may hold spaces and parentheses: fields are counted after the last ')'
        }
        if (i < 0) {
            throw new IOException(stat.name() + ": no ')' after the command name");
        }
        int field = 2; // the ')' ends field 2
        long utime = -1;
        long stime = -1;
        int pos = i + 1;
        while (pos < n && stime < 0) {
            while (pos < n && b[pos] == ' ') {
                pos++;
            }
            field++;
            long v = 0;
            int start = pos;
            while (pos < n && b[pos] != ' ' && b[pos] != '\n') {
                v = v * 10 + (b[pos] - '0');
                pos++;
            }
            if (field == 14) {
                utime = v;
            } else if (field == 15 && pos > start) {
                stime = v;
            }
        }
        if (utime < 0 || stime < 0) {
            throw new IOException(stat.name() + ": fewer than 15 fields");
        }
        return (utime + stime) * NANOS_PER_TICK;
    }
}
