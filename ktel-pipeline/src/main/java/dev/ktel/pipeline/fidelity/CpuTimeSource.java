package dev.ktel.pipeline.fidelity;

import java.io.IOException;

/** CPU time the agent process has used so far, in nanoseconds (user + system, all threads). */
@FunctionalInterface
public interface CpuTimeSource {
    long cpuNanos() throws IOException;
}
