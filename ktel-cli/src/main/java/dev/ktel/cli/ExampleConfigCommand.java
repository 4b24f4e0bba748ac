package dev.ktel.cli;

import dev.ktel.collectors.CollectorFactory;
import dev.ktel.collectors.CollectorOption;
import dev.ktel.collectors.CollectorRegistry;
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
        System.out.print(sb);
    }
}
