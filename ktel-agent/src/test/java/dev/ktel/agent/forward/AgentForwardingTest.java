package dev.ktel.agent.forward;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ktel.agent.Agent;
import dev.ktel.agent.AgentSettings;
import dev.ktel.collectors.CollectorSelection;
import dev.ktel.core.http.HttpServer;
import dev.ktel.core.io.HostPaths;
import dev.ktel.forward.agent.ForwarderOptions;
import dev.ktel.forward.agent.PayloadFormat;
import dev.ktel.forward.server.IngestHandler;
import dev.ktel.forward.server.IngestOptions;
import dev.ktel.store.api.InMemorySeriesStore;
import dev.ktel.store.api.Matcher;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The agent with --server: real host collectors every interval, delivered to an in-process ingest endpoint. */
class AgentForwardingTest {
    @TempDir
    Path data;

    @Test
    void forwardsRealCollectionsWithHostInstanceAndJobLabels() throws Exception {
        InMemorySeriesStore store = InMemorySeriesStore.builder().build();
        try (HttpServer server = new HttpServer(new InetSocketAddress("127.0.0.1", 0))) {
            IngestHandler ingest = IngestHandler.register(server, store, IngestOptions.withToken("t"));
            server.start();
            AgentSettings settings = new AgentSettings(new InetSocketAddress("127.0.0.1", 0), data,
                    Duration.ofMillis(300), "fwd-host", HostPaths.host(), CollectorSelection.defaults(), false, "agent");
            ForwarderOptions o = ForwarderOptions.defaults(
                    ForwarderOptions.ktelEndpoint("http://127.0.0.1:" + server.port()), PayloadFormat.KTEL,
                    "fwd-host", data.resolve("buffer")).withToken("t");
            try (Agent agent = new Agent(settings, "test").forwardTo(o).start()) {
                long deadline = System.currentTimeMillis() + 20_000;
                while (ingest.metrics().latency().count() < 3 && System.currentTimeMillis() < deadline) {
                    Thread.sleep(100);
                }
                assertThat(ingest.metrics().latency().count()).as("collections received").isGreaterThanOrEqualTo(3);
                assertThat(store.labelValues("host")).containsExactly("fwd-host");
                assertThat(store.select(Long.MIN_VALUE, Long.MAX_VALUE, Matcher.metricName("node_load1"),
                        Matcher.eq("instance", "fwd-host"), Matcher.eq("job", "ktel"))).hasSize(1);
                // the forwarder's own metrics are on /metrics and in the forwarded data
                assertThat(agent.metrics().renderToString(dev.ktel.core.exposition.ExpositionFormat.PROMETHEUS_TEXT))
                        .contains("ktel_forward_batches_sent_total");
                // no latency target here: the first (cold) collections of every collector dominate a handful of
                // observations; the target is checked on a steady stream in ktel-forward's ForwardIngestTest
                System.out.printf("agent forwarding: %d collections, ingest latency p99 <= %.3f s%n",
                        ingest.metrics().latency().count(), ingest.metrics().latency().quantileUpperBound(0.99));
            }
        }
    }
}
