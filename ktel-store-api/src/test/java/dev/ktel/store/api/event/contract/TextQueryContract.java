package dev.ktel.store.api.event.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ktel.store.api.event.EventStore;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Full-text queries on the message: words, case, AND, prefixes, combined with other filters. */
public abstract class TextQueryContract extends EventStoreContract {
  private EventStore s;

  @BeforeEach
  public void fill() throws Exception {
    s = open();
    s.append(List.of(
        log(1, "Out of memory: Killed process 4242 (stress) total-vm:123456kB"),
        log(2, "Memory cgroup out of memory: Killed process 77 (java)"),
        log(3, "INFO: task kworker/0:1:123 blocked for more than 120 seconds."),
        log(4, "e1000e 0000:00:19.0 eth0: NIC Link is Down"),
        log(5, "oom-kill:constraint=CONSTRAINT_MEMCG,task=java,pid=77")));
    factory().persist(s);
    s.append(List.of(log(6, "eth1: NIC Link is Up 1000 Mbps Full Duplex")));
  }

  @Test
  public void everyWordMustOccurCaseInsensitively() {
    assertThat(messages(s, q().text("killed process").build())).containsExactly(
        "Memory cgroup out of memory: Killed process 77 (java)",
        "Out of memory: Killed process 4242 (stress) total-vm:123456kB");
    assertThat(messages(s, q().text("KILLED Java").build())).containsExactly(
        "Memory cgroup out of memory: Killed process 77 (java)");
    assertThat(messages(s, q().text("link").build())).hasSize(2);
    assertThat(messages(s, q().text("link down").build())).containsExactly("e1000e 0000:00:19.0 eth0: NIC Link is Down");
    assertThat(messages(s, q().text("4242").build())).hasSize(1);
    assertThat(messages(s, q().text("constraint_memcg").build())).hasSize(1);
  }

  @Test
  public void aWordIsNotMatchedByPartOfIt() {
    assertThat(messages(s, q().text("oom").build())).containsExactly("oom-kill:constraint=CONSTRAINT_MEMCG,task=java,pid=77");
    // "Killed" is another word, and a colon between letters does not split "kill:constraint" (UAX #29)
    assertThat(messages(s, q().text("kill").build())).isEmpty();
    assertThat(messages(s, q().text("mem").build())).isEmpty();
    assertThat(messages(s, q().text("nosuchword").build())).isEmpty();
  }

  @Test
  public void aTrailingStarMatchesAPrefix() {
    assertThat(messages(s, q().text("kill*").oldestFirst().build())).containsExactly(
        "Out of memory: Killed process 4242 (stress) total-vm:123456kB",
        "Memory cgroup out of memory: Killed process 77 (java)",
        "oom-kill:constraint=CONSTRAINT_MEMCG,task=java,pid=77");
    assertThat(messages(s, q().text("eth*").build())).hasSize(2);
    assertThat(messages(s, q().text("nic eth*").build())).hasSize(2);
  }

  @Test
  public void textCombinesWithTimeRangeAndCount() {
    assertThat(messages(s, q().text("link").between(T0 + 5 * SECOND, T0 + 10 * SECOND).build()))
        .containsExactly("eth1: NIC Link is Up 1000 Mbps Full Duplex");
    assertThat(s.count(q().text("memory").build())).isEqualTo(2);
    assertThat(s.count(q().text("  ").build())).isEqualTo(6);
  }
}
