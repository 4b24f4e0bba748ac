package dev.ktel.store.api.event;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MessageWordsTest {
  @Test
  void splitsLikeUnicodeWordSegmentation() {
    assertThat(MessageWords.of("Out of memory: Killed process 4242 (stress) total-vm:123kB"))
        .containsExactly("out", "of", "memory", "killed", "process", "4242", "stress", "total", "vm", "123kb");
    assertThat(MessageWords.of("memory.max 1.5 10,000 a,b don't task_memcg=/kubepods/x ___ eth0: x:y"))
        .containsExactly("memory.max", "1.5", "10,000", "a", "b", "don't", "task_memcg", "kubepods", "x", "eth0",
            "x:y");
    assertThat(MessageWords.of("")).isEmpty();
  }

  @Test
  void textQueryMarksATrailingStarAsPrefix() {
    TextQuery q = TextQuery.parse("Link eth*  oom-kill*");
    assertThat(q.terms()).containsExactly(new TextQuery.Term("link", false), new TextQuery.Term("eth", true),
        new TextQuery.Term("oom", false), new TextQuery.Term("kill", true));
  }
}
