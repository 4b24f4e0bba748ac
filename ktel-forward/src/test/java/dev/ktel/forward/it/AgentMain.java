package dev.ktel.forward.it;

import dev.ktel.core.metric.MetricFamily;
import dev.ktel.forward.agent.CollectionSink;
import dev.ktel.forward.agent.Forwarder;
import dev.ktel.forward.agent.ForwarderOptions;
import dev.ktel.forward.agent.PayloadFormat;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Child-JVM agent producing a deterministic sequence: {@code AgentMain <server> <buffer-dir> <host> <token> <t0>
 * <first> <count> <series>}. Collection {@code i} has timestamp {@code t0 + 5 i} ms and value {@code i} in every
 * series, so re-producing a collection after a crash yields identical samples. Prints {@code P i} after collection
 * i is in the (fsynced) buffer, {@code DONE} when everything is acknowledged.
 */
public final class AgentMain {
    private static final MetricFamily F = MetricFamily.gauge(Production.CORE, "test", "series");

    private AgentMain() {
    }

    public static void main(String[] a) throws Exception {
        ForwarderOptions o = ForwarderOptions.defaults(ForwarderOptions.ktelEndpoint(a[0]), PayloadFormat.KTEL, a[2],
                Path.of(a[1])).withToken(a[3]).withBackoff(Duration.ofMillis(50), Duration.ofMillis(500));
        long t0 = Long.parseLong(a[4]);
        int first = Integer.parseInt(a[5]);
        int count = Integer.parseInt(a[6]);
        int series = Integer.parseInt(a[7]);
        try (Forwarder f = new Forwarder(o).start()) {
            for (int i = first; i < first + count; i++) {
                long ts = t0 + 5L * i;
                long wait = ts - System.currentTimeMillis();
                if (wait > 0) {
                    Thread.sleep(wait);
                }
                CollectionSink sink = f.newCollection(ts);
                sink.family(F);
                for (int k = 0; k < series; k++) {
                    sink.sample(Integer.toString(k), i);
                }
                f.offer(sink);
                f.flush();
                System.out.println("P " + i);
            }
            System.out.println(f.awaitDrained(Duration.ofSeconds(30)) ? "DONE" : "NOT-DRAINED");
        }
    }
}
