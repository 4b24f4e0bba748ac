package dev.ktel.bpf.tools;

import dev.ktel.bpf.BpfSupport;
import dev.ktel.bpf.libbpf.BpfObject;
import dev.ktel.bpf.libbpf.BpfProgram;
import dev.ktel.bpf.probe.syscall.SyscallGroups;
import dev.ktel.bpf.probe.syscall.SyscallLatencyProbe;
import java.util.Set;

/**
 * Attaches one set of programs and holds them until stdin closes; for bench/bpf-syscall-overhead.sh.
 * Argument: {@code floor-raw_tp} / {@code floor-tp_btf} (empty programs on sys_enter/sys_exit) or a syscall
 * latency hook ({@code raw_tp-task}, {@code tp_btf-task}, {@code raw_tp-hash}). Prints READY once attached.
 */
public final class BpfAttach {
    private BpfAttach() {
    }

    public static void main(String[] args) throws Exception {
        String what = args.length > 0 ? args[0] : "raw_tp-task";
        AutoCloseable held;
        if (what.startsWith("floor-")) {
            Set<String> progs = what.equals("floor-raw_tp") ? Set.of("floor_raw_enter", "floor_raw_exit")
                    : Set.of("floor_btf_enter", "floor_btf_exit");
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
            SyscallLatencyProbe p = SyscallLatencyProbe.attach(SyscallLatencyProbe.objectBytes(), SyscallGroups.x86_64(),
                    SyscallLatencyProbe.Hook.of(what));
            if (!p.hook().option.equals(what)) {
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
