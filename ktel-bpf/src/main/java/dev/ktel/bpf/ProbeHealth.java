package dev.ktel.bpf;

import dev.ktel.bpf.libbpf.BpfObject;
import java.util.List;

/**
 * What an eBPF collector reports about itself, to {@code ktel doctor} and to the shared self-metrics of
 * {@link ProbeSelfCollector} (one family per metric for all probes: each collector emitting its own
 * {@code ktel_probe_up} would repeat the family in one exposition).
 */
public interface ProbeHealth {
    /** Stages of {@code ktel_probe_errors_total}. */
    List<String> STAGES = List.of("load", "attach", "read", "cgroup");

    /** The {@code probe} label. */
    String probe();

    /** True when all of the probe's programs are loaded and attached. */
    boolean attached();

    /** Load/attach failures with the verifier or libbpf log excerpt; empty when none. */
    List<BpfObject.ProgramFailure> failures();

    /** One line on how the probe runs (hook, sampling, cgroup dimension). */
    String summary();

    /** Errors at {@code stage} so far; load and attach are counted from {@link #failures()} by default. */
    default long errors(String stage) {
        return failures().stream().filter(f -> f.stage().equals(stage)).count();
    }

    /** Entries in use of one BPF hash map. */
    record MapUsage(String map, long entries, long maxEntries) {
    }

    /** The probe's hash maps with their fill (arrays are always full and not listed). */
    default List<MapUsage> maps() {
        return List.of();
    }
}
