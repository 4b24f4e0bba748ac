package dev.ktel.agent;

import dev.ktel.collectors.CollectorSelection;
import dev.ktel.core.io.HostPaths;
import dev.ktel.pipeline.PipelineConfig;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Everything the agent needs, resolved from defaults, the config file and flags (in that order).
 *
 * @param listen     address of the HTTP endpoint (127.0.0.1 unless configured)
 * @param dataDir    where the agent keeps its state (kmsg position; later its disk buffer)
 * @param interval   collection interval of the pipeline; /metrics always collects on request
 * @param hostId     this host's id in events and, later, forwarded series
 * @param paths      procfs/sysfs/rootfs locations
 * @param collectors which collectors run, with options
 * @param kmsg       whether to read kernel log events from /dev/kmsg
 * @param role       "run" or "agent": shown on the landing page and in logs
 * @param pipeline   edge pipeline stages (relabel, budgets, masking, sampling, adaptive fidelity)
 */
public record AgentSettings(InetSocketAddress listen, Path dataDir, Duration interval, String hostId,
        HostPaths paths, CollectorSelection collectors, boolean kmsg, String role, PipelineConfig pipeline) {

    /** With the pipeline's defaults. */
    public AgentSettings(InetSocketAddress listen, Path dataDir, Duration interval, String hostId, HostPaths paths,
            CollectorSelection collectors, boolean kmsg, String role) {
        this(listen, dataDir, interval, hostId, paths, collectors, kmsg, role, PipelineConfig.DEFAULT);
    }

    public AgentSettings withPipeline(PipelineConfig p) {
        return new AgentSettings(listen, dataDir, interval, hostId, paths, collectors, kmsg, role, p);
    }
}
