package dev.ktel.bpf;

import dev.ktel.bpf.libbpf.BpfObject;
import java.util.List;

/** What an eBPF collector reports about itself to {@code ktel doctor}: attached or not, and why not. */
public interface ProbeHealth {
    /** True when all of the probe's programs are loaded and attached. */
    boolean attached();

    /** Load/attach failures with the verifier or libbpf log excerpt; empty when none. */
    List<BpfObject.ProgramFailure> failures();

    /** One line on how the probe runs (hook, sampling, cgroup dimension). */
    String summary();
}
