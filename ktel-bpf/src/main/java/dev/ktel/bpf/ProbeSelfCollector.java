package dev.ktel.bpf;

import dev.ktel.collectors.Collector;
import dev.ktel.collectors.CollectorContext;
import dev.ktel.collectors.CollectorFactory;
import dev.ktel.core.metric.MetricFamily;
import dev.ktel.core.metric.MetricSink;
import java.util.ArrayList;
import java.util.List;

/**
 * Self-metrics of all eBPF probes of this process ({@link ProbeRegistry}): up, errors by stage (the
 * probe-error-rate SLI), and hash-map fill (the eBPF-map-usage SLI).
 */
public final class ProbeSelfCollector implements Collector {
    static final MetricFamily UP = MetricFamily.gauge("ktel_probe_up",
            "1 when the eBPF probe is loaded and all its programs are attached.", "probe");
    static final MetricFamily ERRORS = MetricFamily.counter("ktel_probe_errors_total",
            "eBPF probe failures by stage: load (verifier reject), attach, read (map reads), cgroup (slot refresh).",
            "probe", "stage");
    static final MetricFamily MAP_ENTRIES = MetricFamily.gauge("ktel_bpf_map_entries",
            "Entries in use of a BPF hash map of the probe.", "probe", "map");
    static final MetricFamily MAP_MAX = MetricFamily.gauge("ktel_bpf_map_max_entries",
            "Capacity of a BPF hash map of the probe.", "probe", "map");
    static final MetricFamily MAP_FILL = MetricFamily.gauge("ktel_bpf_map_fill_ratio",
            "Entries in use / capacity of a BPF hash map of the probe (eBPF-map-usage SLI).", "probe", "map");

    @Override
    public void collect(MetricSink sink) {
        List<ProbeHealth> probes = ProbeRegistry.probes();
        sink.family(UP);
        for (ProbeHealth p : probes) {
            sink.sample(p.probe(), p.attached() ? 1 : 0);
        }
        sink.family(ERRORS);
        for (ProbeHealth p : probes) {
            for (String stage : ProbeHealth.STAGES) {
                sink.sample(p.probe(), stage, p.errors(stage));
            }
        }
        List<String[]> names = new ArrayList<>();
        List<ProbeHealth.MapUsage> maps = new ArrayList<>();
        for (ProbeHealth p : probes) {
            for (ProbeHealth.MapUsage m : p.maps()) {
                names.add(new String[] {p.probe(), m.map()});
                maps.add(m);
            }
        }
        sink.family(MAP_ENTRIES);
        for (int i = 0; i < maps.size(); i++) {
            sink.sample(names.get(i), maps.get(i).entries());
        }
        sink.family(MAP_MAX);
        for (int i = 0; i < maps.size(); i++) {
            sink.sample(names.get(i), maps.get(i).maxEntries());
        }
        sink.family(MAP_FILL);
        for (int i = 0; i < maps.size(); i++) {
            sink.sample(names.get(i), (double) maps.get(i).entries() / maps.get(i).maxEntries());
        }
    }

    /** Registered in META-INF/services. */
    public static final class Factory implements CollectorFactory {
        @Override
        public String name() {
            return "ebpf_probes";
        }

        @Override
        public String description() {
            return "Self-metrics of the eBPF probes: up, errors by stage, BPF hash-map fill.";
        }

        @Override
        public Collector create(CollectorContext ctx) {
            return new ProbeSelfCollector();
        }
    }
}
