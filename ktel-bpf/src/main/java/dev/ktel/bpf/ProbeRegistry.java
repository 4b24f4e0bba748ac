package dev.ktel.bpf;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** The eBPF probes running in this process: collectors register when created and leave when closed. */
public final class ProbeRegistry {
    private static final List<ProbeHealth> PROBES = new CopyOnWriteArrayList<>();

    private ProbeRegistry() {
    }

    public static void register(ProbeHealth p) {
        PROBES.add(p);
    }

    public static void unregister(ProbeHealth p) {
        PROBES.remove(p);
    }

    public static List<ProbeHealth> probes() {
        return List.copyOf(PROBES);
    }
}
