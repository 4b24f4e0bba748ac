package dev.ktel.agent.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ktel.collectors.CollectorFactory;
import dev.ktel.collectors.CollectorOption;
import dev.ktel.collectors.CollectorRegistry;
import dev.ktel.pipeline.PipelineConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** ktel.example.yaml parses, and lists every collector and every collector option with its default. */
class ExampleConfigTest {

    @Test
    void exampleParsesAndCoversEveryOption() throws Exception {
        Path example = Path.of("../ktel.example.yaml");
        CollectorRegistry registry = CollectorRegistry.discover();
        ConfigFile cfg = ConfigFile.load(example, registry);
        assertThat(cfg.listen).isEqualTo("127.0.0.1:9977");
        assertThat(cfg.pipeline).as("the pipeline section shows the defaults").isEqualTo(PipelineConfig.DEFAULT);
        String text = Files.readString(example);
        for (CollectorFactory f : registry.factories()) {
            assertThat(cfg.collectorsEnabled).as(f.name()).containsEntry(f.name(), f.enabledByDefault());
            for (CollectorOption o : f.options()) {
                String dflt = o.defaultValue() == null ? "" : o.defaultValue().replace("'", "''");
                assertThat(text).as("collectors.%s.%s", f.name(), o.name())
                        .contains("  " + f.name() + ":\n")
                        .contains("# " + o.name() + ": '" + dflt + "'");
            }
        }
    }
}
