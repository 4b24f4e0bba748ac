package dev.ktel.cli;

import dev.ktel.collectors.CollectorFactory;
import dev.ktel.collectors.CollectorOption;
import dev.ktel.collectors.CollectorRegistry;
import dev.ktel.pipeline.cardinality.CardinalityBudget;
import dev.ktel.pipeline.fidelity.FidelitySettings;
import dev.ktel.pipeline.mask.MaskingSettings;
import picocli.CommandLine.Command;

/**
 * Hidden: prints ktel.example.yaml (every key with its default, every collector with its options) from the
 * registered collectors, so the example never drifts: {@code ./ktel example-config > ktel.example.yaml}.
 * ExampleConfigTest fails when the committed file lacks an option.
 */
@Command(name = "example-config", hidden = true, description = "Print the example configuration with every key.")
final class ExampleConfigCommand implements Runnable {
    private final CollectorRegistry registry;

    ExampleConfigCommand(CollectorRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void run() {
        StringBuilder sb = new StringBuilder("""
                # ktel.example.yaml: every configuration key with its default. Copy what you need; every key is optional.
                # Precedence: built-in default < this file < command-line flag. Unknown keys are an error.
                # Regenerate with: ./ktel example-config > ktel.example.yaml

                # Address of the HTTP endpoint (run: 127.0.0.1:9977, agent: 127.0.0.1:9978). Loopback unless you mean it.
                listen: 127.0.0.1:9977
                # State directory (kmsg position; later the disk buffer). run: ./data, agent: ./data/agent
                data-dir: ./data
                # Collection interval of the pipeline; /metrics always collects afresh.
                interval: 15s
                # This host's id in events and forwarded data (default: the host name).
                # host-id: web-1
                # error, warn, info or debug
                log-level: info

                # Where the host's pseudo-filesystems are (node_exporter's --path.* flags).
                path:
                  procfs: /proc
                  sysfs: /sys
                  rootfs: /
                  udev-data: /run/udev/data

                # Typed kernel events from /dev/kmsg (needs CAP_SYSLOG when kernel.dmesg_restrict=1).
                kmsg:
                  enabled: true

                # Collectors: enabled (default as shown) and options (same as --collector.NAME.OPTION); the
                # commented option lines show the defaults.
                collectors:
                """);
        for (CollectorFactory f : registry.factories()) {
            sb.append("  # ").append(f.description()).append('\n');
            sb.append("  ").append(f.name()).append(":\n");
            sb.append("    enabled: ").append(f.enabledByDefault()).append('\n');
            for (CollectorOption o : f.options()) {
                String v = o.defaultValue() == null ? "" : o.defaultValue();
                sb.append("    # ").append(o.description()).append('\n');
                sb.append("    # ").append(o.name()).append(": '").append(v.replace("'", "''")).append("'\n");
            }
        }
        sb.append(pipelineSection());
        System.out.print(sb);
    }

    /** The pipeline section, its defaults taken from the stages so the example cannot drift. */
    static String pipelineSection() {
        CardinalityBudget b = CardinalityBudget.DEFAULT;
        MaskingSettings m = MaskingSettings.DEFAULT;
        FidelitySettings f = FidelitySettings.DEFAULT;
        return """

                # Edge pipeline (see ktel-pipeline/README.md). Metrics: relabel -> mask label values -> cardinality
                # budget -> (coarser histograms when shedding) -> /metrics and the forwarder. Events: sample -> mask.
                pipeline:
                  # Prometheus metric_relabel_configs semantics and key names; none by default (stage not installed).
                  relabel: []
                  #  - source_labels: [__name__, mode]
                  #    regex: 'node_cpu_seconds_total;(idle|iowait)'
                  #    action: drop
                  # Series budgets; over-budget series fold into {ktel_overflow="true"}, counted in
                  # ktel_series_rejected_total. Off by default (ktel_series_active is exported either way).
                  cardinality:
                    enabled: false
                    per-metric: %d
                    total: %d
                    max-metrics: %d
                    # collections a series may go unseen before it stops counting
                    expire-after: %d
                  # One masking policy for label values, command lines and event messages.
                  masking:
                    enabled: %s
                    ipv4: %s
                    ipv6: %s
                    emails: %s
                    # also mask every metric label value (costs a cached lookup per label)
                    label-values: %s
                    rules: []
                    #  - name: customer_id
                    #    regex: 'cust-[0-9]+'
                    #    replacement: 'cust-***'
                  # Keep ratio per event type in (0, 1]; OOM, panic, security and crit+ events are never sampled.
                  # A stream at 1.0 is sampled only when adaptive fidelity sheds event sampling.
                  sampling:
                    log: 1.0
                  # Adaptive fidelity: keep the agent's CPU under the budget (cores) by shedding, in order,
                  # 1 longer interval for low-priority collectors, 2 coarser histograms, 3 event sampling.
                  fidelity:
                    enabled: %s
                    cpu-budget: %s
                    window: %ds
                    restore-below: %s
                    restore-after: %d
                    interval-multiplier: %d
                    histogram-merge: %d
                    sampling-factor: %s
                    low-priority: %s
                """.formatted(b.perMetric(), b.total(), b.maxMetrics(), b.expireAfter(), m.enabled(), m.ipv4(),
                m.ipv6(), m.emails(), m.labelValues(), f.enabled(), f.cpuBudget(), f.window().toSeconds(),
                f.restoreBelow(), f.restoreAfter(), f.intervalMultiplier(), f.histogramMerge(), f.samplingFactor(),
                new java.util.TreeSet<>(f.lowPriority()).toString());
    }
}
