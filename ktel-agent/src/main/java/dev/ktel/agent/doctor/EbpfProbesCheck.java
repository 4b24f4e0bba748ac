package dev.ktel.agent.doctor;

import dev.ktel.bpf.ProbeHealth;
import dev.ktel.bpf.libbpf.BpfObject;
import dev.ktel.collectors.Collector;
import dev.ktel.collectors.CollectorContext;
import dev.ktel.collectors.CollectorFactory;
import dev.ktel.collectors.CollectorUnavailableException;
import dev.ktel.core.io.HostPaths;
import dev.ktel.core.text.ParseErrors;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * Loads and attaches each eBPF collector ({@code ebpf_*} on the class path) with its defaults, then closes it:
 * one row per probe, with the reason it is unavailable or the failing programs and the verifier log excerpt.
 * A failing probe is a degraded row, never an error of the doctor: the agent runs the others the same way.
 */
final class EbpfProbesCheck {
    static final String PREFIX = "ebpf_";
    private static final int LOG_EXCERPT = 400;

    private EbpfProbesCheck() {
    }

    /** One check per eBPF collector factory found. */
    static List<DoctorCheck> all() {
        List<DoctorCheck> checks = new ArrayList<>();
        for (CollectorFactory f : ServiceLoader.load(CollectorFactory.class)) {
            if (f.name().startsWith(PREFIX) && !f.name().equals("ebpf_probes")) { // ebpf_probes: self-metrics, no probe
                checks.add(new ProbeCheck(f));
            }
        }
        return checks;
    }

    private record ProbeCheck(CollectorFactory factory) implements DoctorCheck {
        @Override
        public String name() {
            return "probe:" + factory.name();
        }

        @Override
        public Check run(HostPaths paths) throws Exception {
            CollectorContext ctx = new CollectorContext(factory.name(), paths, Map.of(), ParseErrors.IGNORE);
            Collector c;
            try {
                c = factory.create(ctx);
            } catch (CollectorUnavailableException e) {
                return Check.missing(name(), e.getMessage(), "no " + factory.name() + " metrics; procfs collection continues");
            }
            try (c) {
                if (!(c instanceof ProbeHealth h)) {
                    return Check.ok(name(), "loaded", "");
                }
                String state = (factory.enabledByDefault() ? "on" : "off") + " by default; " + h.summary();
                if (h.attached() && h.failures().isEmpty()) {
                    return Check.ok(name(), "attached: " + state, factory.description());
                }
                StringBuilder d = new StringBuilder(h.attached() ? "attached with fallbacks: " : "not attached: ");
                for (BpfObject.ProgramFailure pf : h.failures()) {
                    d.append(pf.program()).append(" failed at ").append(pf.stage()).append(": ").append(pf.message());
                    if (pf.log() != null && !pf.log().isBlank()) {
                        String log = pf.log().strip();
                        d.append(" [log: ").append(log.length() > LOG_EXCERPT ? "..." + log.substring(log.length() - LOG_EXCERPT) : log)
                                .append(']');
                    }
                    d.append("; ");
                }
                return Check.degraded(name(), d + state, "see the failing programs; the other probes run");
            }
        }
    }
}
