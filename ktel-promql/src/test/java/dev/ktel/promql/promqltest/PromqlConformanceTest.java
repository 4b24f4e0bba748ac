package dev.ktel.promql.promqltest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Runs Prometheus' PromQL conformance scripts (read in place from the shared corpus, property {@code ktel.shared})
 * and asserts the pass count does not fall below the figure reached so far. The full report, failures included,
 * goes to target/promql-conformance.txt.
 */
class PromqlConformanceTest {
  /** Evals passing at the last measurement; raise it as the engine improves, never lower it. */
  private static final int PASSED_FLOOR = 1272;

  private static Path corpus() {
    String prop = System.getProperty("ktel.shared");
    Path shared = prop != null && !prop.isBlank() ? Path.of(prop) : Path.of("../shared");
    Path dir = shared.resolve("conformance/promql");
    assumeTrue(Files.isDirectory(dir), "PromQL conformance corpus not found at " + dir.toAbsolutePath().normalize()
        + " (set -Dktel.shared=DIR)");
    return dir;
  }

  @Test
  void corpusPassCountDoesNotRegress() throws IOException {
    List<Path> files;
    try (Stream<Path> s = Files.list(corpus())) {
      files = s.filter(p -> p.toString().endsWith(".test")).sorted().toList();
    }
    assertThat(files).isNotEmpty();
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    PromqlTestRunner.Summary total;
    try (PrintStream out = new PrintStream(buf, true, StandardCharsets.UTF_8)) {
      total = PromqlTestRunner.runAll(files, out, true);
    }
    Path report = Path.of("target", "promql-conformance.txt");
    Files.createDirectories(report.getParent());
    Files.writeString(report, buf.toString(StandardCharsets.UTF_8));
    System.out.println("PromQL conformance: " + total + " (details in " + report.toAbsolutePath() + ")");
    assertThat(total.passed).as("passing evals (see %s)", report).isGreaterThanOrEqualTo(PASSED_FLOOR);
  }
}
