package dev.ktel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class PromqlTestCommandTest {
    private static final String SCRIPT = """
            load 1m
              up{job="a"} 1 2 3

            eval instant at 2m up
              up{job="a"} %s
            """;

    @Test
    void exitCodeTellsWhetherEveryEvalPassed(@TempDir Path dir) throws Exception {
        Path good = Files.writeString(dir.resolve("good.test"), SCRIPT.formatted("3"));
        Path bad = Files.writeString(dir.resolve("bad.test"), SCRIPT.formatted("4"));
        assertThat(new CommandLine(new PromqlTestCommand()).execute("--quiet", good.toString())).isZero();
        assertThat(new CommandLine(new PromqlTestCommand()).execute("--quiet", bad.toString())).isEqualTo(1);
        assertThat(new CommandLine(new PromqlTestCommand()).execute(dir.resolve("missing.test").toString()))
                .isEqualTo(2);
    }
}
