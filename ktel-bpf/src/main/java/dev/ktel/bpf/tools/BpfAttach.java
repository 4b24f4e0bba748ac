package dev.ktel.bpf.tools;

import dev.ktel.bpf.BpfSupport;
import dev.ktel.bpf.libbpf.BpfObject;
import dev.ktel.bpf.libbpf.BpfProgram;
import dev.ktel.bpf.probe.syscall.SyscallGroups;
import dev.ktel.bpf.probe.syscall.SyscallLatencyProbe;
import dev.ktel.bpf.probe.cgroup.CgroupHierarchy;
import dev.ktel.bpf.probe.cgroup.CgroupSlots;
import dev.ktel.collectors.cgroup.CorrelationKeyResolver;
import dev.ktel.core.io.HostPaths;
import java.util.Set;

/**
 * Attaches one set of programs and holds them until stdin closes; for bench/bpf-syscall-overhead.sh.
 * Argument: {@code runqueue} / {@code block} (that collector with its defaults), {@code floor-raw_tp} / {@code floor-tp_btf} (empty programs on sys_enter/sys_exit),
 * {@code floor-pcpu} / {@code floor-ktime} / {@code floor-tid} (one cost component each) or a syscall
 * latency hook ({@code raw_tp-pcpu}, {@code raw_tp-task}, {@code tp_btf-task}, {@code raw_tp-hash}), optionally
 * with {@code /N} to time one syscall in N (raw_tp-pcpu) and {@code /N/<cgroup>} to choose the cgroup
 * dimension (none, auto, v2, v1-memory, v1-cpu; default auto). Prints READY once attached.
 */
public final class BpfAttach {
    private BpfAttach() {
    }

    public static void main(String[] args) throws Exception {
        String what = args.length > 0 ? args[0] : "raw_tp-pcpu";
        AutoCloseable held;
        if (what.equals("block")) {
            held = new dev.ktel.bpf.probe.block.BlockIoLatencyCollector.Factory().create(
                    dev.ktel.collectors.CollectorContext.forTest("ebpf_block", HostPaths.host()));
        } else if (what.equals("runqueue")) {
            held = new dev.ktel.bpf.probe.runqueue.RunqueueLatencyCollector.Factory().create(
                    dev.ktel.collectors.CollectorContext.forTest("ebpf_runqueue", HostPaths.host()));
        } else if (what.startsWith("floor-")) {
            String part = switch (what) {
                case "floor-raw_tp" -> "raw";
                case "floor-tp_btf" -> "btf";
                default -> what.substring("floor-".length()); // cost components: floor_<x>_enter/_exit
            };
            Set<String> progs = Set.of("floor_" + part + "_enter", "floor_" + part + "_exit");
            BpfObject o = BpfObject.open("syscall_floor", BpfSupport.object(BpfAttach.class.getClassLoader(), "syscall_floor"),
                    obj -> {
                        for (BpfProgram p : obj.programs()) {
                            p.setAutoload(progs.contains(p.name()));
                        }
                    });
            o.load();
            if (o.attachAll().size() != 2) {
                throw new IllegalStateException("attach failed: " + o.failures());
            }
            held = o;
        } else {
            // "<hook>[/<sample-every>[/<cgroup option>]]"; by default the collector's cgroup dimension (auto)
            String[] parts = what.split("/");
            String hook = parts[0];
            int every = parts.length > 1 ? Integer.parseInt(parts[1]) : 1;
            CgroupHierarchy h = CgroupHierarchy.choose(parts.length > 2 ? parts[2] : "auto", HostPaths.host());
            SyscallLatencyProbe p = SyscallLatencyProbe.attach(SyscallLatencyProbe.objectBytes(), SyscallGroups.x86_64(),
                    SyscallLatencyProbe.Hook.of(hook), every, h.code());
            if (h.root() != null) {
                p.assignCgroups(new CgroupSlots(h.root(), 17, new CorrelationKeyResolver()).refresh());
            }
            if (!p.hook().option.equals(hook)) {
                throw new IllegalStateException(what + " unavailable: " + p.failures());
            }
            held = p;
        }
        System.out.println("READY " + what);
        System.out.flush();
        while (System.in.read() >= 0) {
            // hold until stdin closes
        }
        held.close();
    }
}
