package dev.ktel.promql.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class LimitRatioTest {
  private static long h(String s) {
    return LimitRatio.xxh64(s.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void xxh64MatchesReferenceVectors() {
    assertThat(h("")).isEqualTo(0xEF46DB3751D8E999L);
    assertThat(h("a")).isEqualTo(0xD24EC4F1A98C6E5BL);
    assertThat(h("abc")).isEqualTo(0x44BC2CF5AD770999L);
    assertThat(h("Nobody inspects the spammish repetition")).isEqualTo(0xFBCEA83C8A378BF1L);
  }
}
