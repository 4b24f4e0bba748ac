package dev.ktel.agent.events;

import static dev.ktel.agent.events.TestEvents.T0;
import static dev.ktel.agent.events.TestEvents.event;
import static dev.ktel.agent.events.TestEvents.pod;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ktel.core.event.CorrelationKey;
import dev.ktel.core.event.Event;
import dev.ktel.core.event.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EventRingTest {

    @Test
    void keepsTheNewestAndCountsEverything() {
        EventRing ring = new EventRing(3);
        for (int i = 1; i <= 5; i++) {
            ring.accept(event(i, "log", Severity.INFO));
        }
        assertThat(ring.size()).isEqualTo(3);
        assertThat(ring.evicted()).isEqualTo(2);
        assertThat(ring.accepted()).isEqualTo(5);
        assertThat(ring.count("log", Severity.INFO)).isEqualTo(5);
        assertThat(ring.query(EventQuery.all(10))).extracting(Event::sequence).containsExactly(5L, 4L, 3L);
        assertThat(ring.query(EventQuery.all(2))).extracting(Event::sequence).containsExactly(5L, 4L);
    }

    @Test
    void defaultCapacity() {
        assertThat(new EventRing().capacity()).isEqualTo(10_000);
        assertThatThrownBy(() -> new EventRing(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void filtersByTypeSeverityTimeAndIdentity() {
        EventRing ring = new EventRing();
        ring.accept(event(1, "oom_kill", Severity.ERR,
                pod("/kubepods/burstable/pod1/abc", "abc123", "web-0", "shop"), Map.of("pid", "7")));
        ring.accept(event(2, "log", Severity.INFO));
        ring.accept(event(3, "segfault", Severity.WARNING, CorrelationKey.ofCgroup("/system.slice/x.service"),
                Map.of()));
        ring.accept(event(4, "oom_kill", Severity.ERR, CorrelationKey.ofCgroup("/ktel-test"), Map.of()));

        assertThat(seqs(ring, q(Set.of("oom_kill"), null, null, null, null, Long.MIN_VALUE, Long.MAX_VALUE)))
                .containsExactly(4L, 1L);
        assertThat(seqs(ring, q(Set.of("oom_kill", "segfault"), null, null, null, null, Long.MIN_VALUE,
                Long.MAX_VALUE))).containsExactly(4L, 3L, 1L);
        assertThat(seqs(ring, q(Set.of(), Severity.WARNING, null, null, null, Long.MIN_VALUE, Long.MAX_VALUE)))
                .containsExactly(4L, 3L, 1L);
        assertThat(seqs(ring, q(Set.of(), Severity.ERR, null, null, null, Long.MIN_VALUE, Long.MAX_VALUE)))
                .containsExactly(4L, 1L);
        assertThat(seqs(ring, q(Set.of(), null, "kubepods", null, null, Long.MIN_VALUE, Long.MAX_VALUE)))
                .containsExactly(1L);
        assertThat(seqs(ring, q(Set.of(), null, "=/ktel-test", null, null, Long.MIN_VALUE, Long.MAX_VALUE)))
                .containsExactly(4L);
        assertThat(seqs(ring, q(Set.of(), null, "=/ktel", null, null, Long.MIN_VALUE, Long.MAX_VALUE))).isEmpty();
        assertThat(seqs(ring, q(Set.of(), null, null, "abc1", null, Long.MIN_VALUE, Long.MAX_VALUE)))
                .containsExactly(1L);
        assertThat(seqs(ring, q(Set.of(), null, null, "=app", null, Long.MIN_VALUE, Long.MAX_VALUE)))
                .containsExactly(1L);
        assertThat(seqs(ring, q(Set.of(), null, null, null, "web", Long.MIN_VALUE, Long.MAX_VALUE)))
                .containsExactly(1L);
        assertThat(seqs(ring, q(Set.of(), null, null, null, "=uid-web-0", Long.MIN_VALUE, Long.MAX_VALUE)))
                .containsExactly(1L);
        long s = 1_000_000_000L;
        assertThat(seqs(ring, q(Set.of(), null, null, null, null, T0 + 2 * s, T0 + 3 * s))).containsExactly(3L, 2L);
        assertThat(seqs(ring, new EventQuery(Set.of(), null, null, null, null, "shop", Long.MIN_VALUE,
                Long.MAX_VALUE, 10))).containsExactly(1L);
    }

    @Test
    void concurrentWritersAndReaders() throws InterruptedException {
        EventRing ring = new EventRing(1000);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            threads.add(Thread.ofPlatform().start(() -> {
                for (int i = 0; i < 5000; i++) {
                    ring.accept(event(i, "log", Severity.NOTICE));
                    if (i % 100 == 0) {
                        assertThat(ring.query(EventQuery.all(50)).size()).isBetween(1, 50);
                    }
                }
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
        assertThat(ring.accepted()).isEqualTo(20_000);
        assertThat(ring.size()).isEqualTo(1000);
        assertThat(ring.evicted()).isEqualTo(19_000);
        assertThat(ring.count("log", Severity.NOTICE)).isEqualTo(20_000);
    }

    private static EventQuery q(Set<String> types, Severity sev, String cgroup, String container, String pod,
            long start, long end) {
        return new EventQuery(types, sev, cgroup, container, pod, null, start, end, 100);
    }

    private static List<Long> seqs(EventRing ring, EventQuery q) {
        return ring.query(q).stream().map(Event::sequence).toList();
    }
}
