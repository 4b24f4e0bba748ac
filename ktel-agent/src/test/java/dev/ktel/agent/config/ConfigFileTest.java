package dev.ktel.agent.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ktel.collectors.CollectorRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigFileTest {
    @TempDir
    Path dir;

    private ConfigFile load(String yaml) throws Exception {
        Path f = dir.resolve("ktel.yaml");
        Files.writeString(f, yaml);
        return ConfigFile.load(f, CollectorRegistry.discover());
    }

    @Test
    void readsEveryKnownKey() throws Exception {
        ConfigFile c = load("""
                listen: 127.0.0.1:9000
                data-dir: /var/lib/ktel
                interval: 1m30s
                host-id: web-1
                path:
                  procfs: /host/proc
                  sysfs: /host/sys
                collectors:
                  loadavg:
                    enabled: false
                kmsg:
                  enabled: false
                """);
        assertThat(c.listen).isEqualTo("127.0.0.1:9000");
        assertThat(c.interval).isEqualTo(Duration.ofSeconds(90));
        assertThat(c.paths).containsEntry("procfs", Path.of("/host/proc"));
        assertThat(c.collectorsEnabled).containsEntry("loadavg", false);
        assertThat(c.kmsgEnabled).isFalse();
    }

    @Test
    void unknownKeysNameFileLineAndKey() {
        assertThatThrownBy(() -> load("listen: x\n\nlisten_addr: y\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("ktel.yaml:3: listen_addr: unknown key");
        assertThatThrownBy(() -> load("collectors:\n  nosuch:\n    enabled: true\n"))
                .hasMessageContaining("ktel.yaml:2: collectors.nosuch: unknown collector");
        assertThatThrownBy(() -> load("collectors:\n  loadavg:\n    colour: red\n"))
                .hasMessageContaining("ktel.yaml:3: collectors.loadavg.colour: unknown option");
        assertThatThrownBy(() -> load("interval: soon\n"))
                .hasMessageContaining("ktel.yaml:1: interval: invalid duration \"soon\"");
        assertThatThrownBy(() -> load("kmsg:\n  enabled: maybe\n"))
                .hasMessageContaining("ktel.yaml:2: kmsg.enabled: expected true or false");
        assertThatThrownBy(() -> load("listen: [unclosed\n")).hasMessageContaining("invalid YAML");
    }

    @Test
    void emptyFileIsAllDefaults() throws Exception {
        ConfigFile c = load("");
        assertThat(c.listen).isNull();
        assertThat(c.collectorsEnabled).isEmpty();
    }

    @Test
    void durations() {
        assertThat(DurationParser.parse("15s")).isEqualTo(Duration.ofSeconds(15));
        assertThat(DurationParser.parse("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(DurationParser.parse("2h")).isEqualTo(Duration.ofHours(2));
        assertThatThrownBy(() -> DurationParser.parse("15")).hasMessageContaining("invalid duration");
        assertThatThrownBy(() -> DurationParser.parse("1s2x")).hasMessageContaining("invalid duration");
    }
}
