package dev.ktel.promql.promqltest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The script runner itself: notation, directives and that wrong expectations are reported as failures. */
class PromqlTestRunnerTest {
  @Test
  void expandsSeriesNotationAndChecksResults() {
    PromqlTestRunner.Summary s = PromqlTestRunner.runScript("inline", """
        load 1m
          up{job="a"} 0+10x3 _ stale 7
          down 5-1x2 1x1

        eval instant at 3m up
          up{job="a"} 30

        eval range from 0 to 6m step 1m up
          up{job="a"} 0 10 20 30 30 _ 7

        eval range from 0 to 4m step 1m down
          down 5 4 3 1 1

        eval instant at 1m nosuch(up)
          expect fail msg: 1:1: parse error: unknown function with name "nosuch"

        eval instant at 1m sort_desc(up or down)
          expect ordered
          up{job="a"} 10
          down 4

        eval instant at 1m 1 + 1
          2
        """);
    assertThat(s.failures).isEmpty();
    assertThat(s.passed).isEqualTo(6);
  }

  @Test
  void wrongExpectationsFailAndNativeHistogramsAreSkipped() {
    PromqlTestRunner.Summary s = PromqlTestRunner.runScript("inline", """
        load 1m
          m 1 2 3
          h {{schema:0 sum:1 count:1}}

        eval instant at 1m m
          m 99

        eval instant at 1m m
          expect fail

        eval instant at 1m h
          {} 1
        """);
    assertThat(s.passed).isZero();
    assertThat(s.failed).isEqualTo(2);
    assertThat(s.skippedNative).isEqualTo(1);
    assertThat(s.failures.get(0)).startsWith("inline:5: m: ").contains("expected 99.0, got 2.0");
  }
}
