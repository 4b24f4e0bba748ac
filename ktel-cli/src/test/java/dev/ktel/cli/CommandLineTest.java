package dev.ktel.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ktel.agent.AgentSettings;
import dev.ktel.collectors.CollectorRegistry;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class CommandLineTest {
    private final CollectorRegistry registry = CollectorRegistry.discover();

    private String help(String... args) {
        CommandLine cl = Main.newCommandLine(registry);
        StringWriter out = new StringWriter();
        cl.setOut(new PrintWriter(out));
        assertThat(cl.execute(args)).isZero();
        return out.toString();
    }

    @Test
    void helpOnEveryCommand() {
        assertThat(help("--help")).contains("run", "agent", "doctor");
        assertThat(help("run", "--help")).contains("--listen", "--data-dir", "--config", "--interval",
                "--path.procfs", "--path.sysfs", "--path.rootfs", "--[no-]collector.cpu",
                "--collector.filesystem.mount-points-exclude");
        assertThat(help("agent", "--help")).contains("--listen", "--[no-]collector.meminfo");
        assertThat(help("doctor", "--help")).contains("--json");
        assertThat(help("--version")).startsWith("ktel ");
    }

    private AgentSettings settings(String role, String... args) throws Exception {
        CommandLine cl = Main.newCommandLine(registry);
        String[] all = new String[args.length + 1];
        all[0] = role;
        System.arraycopy(args, 0, all, 1, args.length);
        cl.parseArgs(all);
        return ((RunCommand) cl.getSubcommands().get(role).getCommand()).settings();
    }

    @Test
    void defaultsDependOnRoleAndBindLoopback() throws Exception {
        AgentSettings run = settings("run");
        assertThat(run.listen().getPort()).isEqualTo(9977);
        assertThat(run.listen().getAddress().isLoopbackAddress()).isTrue();
        assertThat(run.dataDir()).isEqualTo(Path.of("data"));
        AgentSettings agent = settings("agent");
        assertThat(agent.listen().getPort()).isEqualTo(9978);
        assertThat(agent.dataDir()).isEqualTo(Path.of("data/agent"));
        assertThat(agent.interval()).isEqualTo(Duration.ofSeconds(15));
    }

    @Test
    void collectorFlagsSwitchAndConfigure(@TempDir Path dir) throws Exception {
        AgentSettings s = settings("agent", "--no-collector.cpu", "--collector.interrupts",
                "--collector.vmstat.fields=^oom.*");
        assertThat(s.collectors().enabled()).containsEntry("cpu", false).containsEntry("interrupts", true);
        assertThat(s.collectors().optionsOf("vmstat")).containsEntry("fields", "^oom.*");
    }

    @Test
    void flagsOverrideTheFileWhichOverridesDefaults(@TempDir Path dir) throws Exception {
        Path cfg = dir.resolve("ktel.yaml");
        Files.writeString(cfg, """
                listen: 127.0.0.1:7000
                interval: 30s
                collectors:
                  cpu:
                    enabled: false
                  vmstat:
                    fields: "^pg.*"
                """);
        AgentSettings fileOnly = settings("agent", "--config", cfg.toString());
        assertThat(fileOnly.listen().getPort()).isEqualTo(7000);
        assertThat(fileOnly.interval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(fileOnly.collectors().enabled()).containsEntry("cpu", false);
        AgentSettings flags = settings("agent", "--config", cfg.toString(), "--listen", "127.0.0.1:7001",
                "--collector.cpu", "--collector.vmstat.fields=^oom.*");
        assertThat(flags.listen().getPort()).isEqualTo(7001);
        assertThat(flags.collectors().enabled()).containsEntry("cpu", true);
        assertThat(flags.collectors().optionsOf("vmstat")).containsEntry("fields", "^oom.*");
    }

    @Test
    void badValuesAreClearErrors() {
        assertThatThrownBy(() -> settings("agent", "--listen", "nohostport")).hasMessageContaining("--listen");
        assertThatThrownBy(() -> settings("agent", "--interval", "fast")).hasMessageContaining("invalid duration");
        assertThatThrownBy(() -> settings("agent", "--no-collector.nosuch"))
                .isInstanceOf(CommandLine.UnmatchedArgumentException.class);
    }
}
