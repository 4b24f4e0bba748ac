package dev.ktel.forward.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ktel.core.event.CorrelationKey;
import dev.ktel.core.event.Event;
import dev.ktel.core.event.Severity;
import dev.ktel.forward.agent.Forwarder;
import dev.ktel.forward.agent.ForwarderOptions;
import dev.ktel.forward.agent.PayloadFormat;
import dev.ktel.forward.buffer.PriorityClass;
import dev.ktel.forward.wire.Batch;
import dev.ktel.forward.wire.BatchCodec;
import dev.ktel.forward.wire.Compression;
import dev.ktel.forward.wire.WriteSeries;
import dev.ktel.store.api.Labels;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Forwarder → HTTP → IngestHandler → TSDB, all in this JVM, with every sample accounted for. */
class ForwardIngestTest {
    private static final String TOKEN = "s3cret-token";
    /** Shortened server outage; -Dktel.test.outageSeconds=60 (or KTEL_TEST_OUTAGE_SECONDS=60) runs the full minute. */
    private static final long OUTAGE_MS = Long.getLong("ktel.test.outageSeconds",
            Long.parseLong(System.getenv().getOrDefault("KTEL_TEST_OUTAGE_SECONDS", "3"))) * 1000;

    @TempDir
    Path tmp;

    private ForwarderOptions options(String base, String host, Path buffer) {
        return ForwarderOptions.defaults(ForwarderOptions.ktelEndpoint(base), PayloadFormat.KTEL, host, buffer)
                .withToken(TOKEN).withBackoff(Duration.ofMillis(50), Duration.ofMillis(500))
                .withFlush(Duration.ofMillis(50), 20_000);
    }

    @Test
    void streamsEverySampleExactlyOnceWithinTheLatencyTarget() throws Exception {
        try (StoreServer server = new StoreServer(tmp.resolve("server"), 0, TOKEN);
                Forwarder f = new Forwarder(options(server.baseUrl(), "h1", tmp.resolve("buf"))).start()) {
            Production p = new Production(20, false);
            for (int i = 0; i < 200; i++) {
                p.produce(f);
                f.offer(event(i, "log", Severity.INFO));
                Thread.sleep(5);
            }
            assertThat(f.awaitDrained(Duration.ofSeconds(20))).isTrue();
            StoreAudit a = StoreAudit.of(server.store, Production.CORE, "h1");
            assertThat(a.samples()).isEqualTo(p.producedSamples());
            assertThat(a.duplicates()).isZero();
            assertThat(server.events).hasSize(200);
            assertThat(server.store.select(Long.MIN_VALUE, Long.MAX_VALUE,
                    dev.ktel.store.api.Matcher.eq("instance", "h1"), dev.ktel.store.api.Matcher.eq("job", "ktel")))
                    .isNotEmpty();
            double p99 = server.ingest.metrics().latency().quantileUpperBound(0.99);
            System.out.printf("stream: produced=%d stored=%d duplicates=%d batches=%d ingest p99<=%.3fs%n",
                    p.producedSamples(), a.samples(), a.duplicates(), f.metrics().sentBatches(), p99);
            assertThat(p99).isLessThan(1.0);
        }
    }

    @Test
    void aResentBatchIsAcknowledgedButNotStoredTwice() throws Exception {
        StoreServer server = new StoreServer(tmp.resolve("server"), 0, TOKEN);
        try {
            byte[] body = Compression.ZSTD.compress(BatchCodec.encode(new Batch(
                    List.of(WriteSeries.of(Labels.metric("m", "host", "x"), 1000, 1)),
                    List.of(event(1, "oom_kill", Severity.ERR)))));
            HttpClient c = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            HttpRequest.Builder req = HttpRequest.newBuilder(URI.create(server.baseUrl() + "/api/ktel/v1/write"))
                    .header("Authorization", "Bearer " + TOKEN).header("Content-Encoding", "zstd")
                    .header("X-Ktel-Batch", "agent-a/7").POST(HttpRequest.BodyPublishers.ofByteArray(body));
            HttpResponse<String> first = c.send(req.build(), HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> again = c.send(req.build(), HttpResponse.BodyHandlers.ofString());
            assertThat(first.statusCode()).isEqualTo(204);
            assertThat(again.statusCode()).isEqualTo(204);
            assertThat(again.headers().firstValue("X-Ktel-Duplicate")).contains("true");
            assertThat(server.events).hasSize(1);
            assertThat(server.ingest.metrics().duplicates()).isEqualTo(1);
            // the ledger is durable: a restarted server still knows agent-a/7
            int port = server.port();
            server.close();
            try (StoreServer reopened = new StoreServer(tmp.resolve("server"), port, TOKEN)) {
                HttpResponse<String> third = c.send(req.build(), HttpResponse.BodyHandlers.ofString());
                assertThat(third.headers().firstValue("X-Ktel-Duplicate")).contains("true");
                assertThat(reopened.events).isEmpty();
            }
        } finally {
            server.close(); // closing twice is harmless
        }
    }

    @Test
    void refusesWrongTokensAndBadPayloadsNamingTheField() throws Exception {
        try (StoreServer server = new StoreServer(tmp.resolve("server"), 0, TOKEN)) {
            HttpClient c = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            URI uri = URI.create(server.baseUrl() + "/api/v1/write");
            byte[] good = Compression.SNAPPY.compress(BatchCodec.encode(new Batch(
                    List.of(WriteSeries.of(Labels.metric("m"), 1000, 1)), List.of())));
            HttpResponse<String> noAuth = c.send(HttpRequest.newBuilder(uri)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(good)).build(), HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> wrong = c.send(HttpRequest.newBuilder(uri).header("Authorization", "Bearer s3cret-tokeX")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(good)).build(), HttpResponse.BodyHandlers.ofString());
            byte[] noName = Compression.SNAPPY.compress(BatchCodec.encode(new Batch(
                    List.of(WriteSeries.of(Labels.of("job", "x"), 1000, 1)), List.of())));
            HttpResponse<String> bad = c.send(HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + TOKEN)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(noName)).build(), HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> ok = c.send(HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + TOKEN)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(good)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(noAuth.statusCode()).isEqualTo(401);
            assertThat(wrong.statusCode()).isEqualTo(401);
            assertThat(bad.statusCode()).isEqualTo(400);
            assertThat(bad.body()).contains("timeseries[0].labels").contains("__name__");
            assertThat(ok.statusCode()).isEqualTo(204);
            assertThat(server.ingest.metrics().errors("unauthorized")).isEqualTo(2);
            assertThat(server.ingest.metrics().errors("bad_payload")).isEqualTo(1);
            assertThat(server.store.seriesCount()).isEqualTo(1);
        }
    }

    @Test
    void serverStoppedThenRestartedWhileTheAgentKeepsProducing() throws Exception {
        StoreServer server = new StoreServer(tmp.resolve("server"), 0, TOKEN);
        int port = server.port();
        Production p = new Production(10, false);
        try (Forwarder f = new Forwarder(options(server.baseUrl(), "h1", tmp.resolve("buf"))).start()) {
            long end = System.currentTimeMillis() + 500;
            while (System.currentTimeMillis() < end) {
                p.produce(f);
                Thread.sleep(10);
            }
            server.close();
            long outageEnd = System.currentTimeMillis() + OUTAGE_MS;
            while (System.currentTimeMillis() < outageEnd) {
                p.produce(f);
                Thread.sleep(10);
            }
            long buffered = f.buffer().size();
            server = new StoreServer(tmp.resolve("server"), port, TOKEN);
            end = System.currentTimeMillis() + 500;
            while (System.currentTimeMillis() < end) {
                p.produce(f);
                Thread.sleep(10);
            }
            assertThat(f.awaitDrained(Duration.ofSeconds(30))).isTrue();
            StoreAudit a = StoreAudit.of(server.store, Production.CORE, "h1");
            System.out.printf("outage %d ms: produced=%d stored=%d duplicates=%d buffered-at-restart=%d retries=%d%n",
                    OUTAGE_MS, p.producedSamples(), a.samples(), a.duplicates(), buffered, f.metrics().retries());
            assertThat(buffered).isPositive();
            assertThat(f.metrics().retries()).isPositive();
            assertThat(a.samples()).isEqualTo(p.producedSamples());
            assertThat(a.duplicates()).isZero();
            assertThat(f.metrics().droppedTotal()).isZero();
        } finally {
            server.close();
        }
    }

    @Test
    void aFullBufferDropsLowPriorityFirstAndCountsExactlyWhatIsMissing() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort(); // nothing listens here until the server starts below
        }
        String base = "http://127.0.0.1:" + port;
        Production p = new Production(50, true);
        List<Event> produced = new ArrayList<>();
        ForwarderOptions o = options(base, "h1", tmp.resolve("buf")).withBuffer(48 << 10)
                .withLowPriority(List.of(Production.LOW));
        try (Forwarder f = new Forwarder(o).start()) {
            for (int i = 0; i < 150; i++) {
                p.produce(f);
                Event e = event(i, i % 10 == 0 ? "oom_kill" : "log", i % 10 == 0 ? Severity.ERR : Severity.INFO);
                produced.add(e);
                f.offer(e);
                f.flush();
            }
            Map<PriorityClass, Long> heldBefore = f.buffer().itemsByClass();
            try (StoreServer server = new StoreServer(tmp.resolve("server"), port, TOKEN)) {
                assertThat(f.awaitDrained(Duration.ofSeconds(30))).isTrue();
                long core = StoreAudit.of(server.store, Production.CORE, "h1").samples();
                long low = StoreAudit.of(server.store, Production.LOW, "h1").samples();
                long critical = server.events.stream().filter(e -> e.type().equals("oom_kill")).count();
                long other = server.events.size() - critical;
                long producedPerMetric = p.producedSamples() / 2;
                System.out.printf("buffer full: held=%s dropped core=%d low=%d events:critical=%d events:other=%d;"
                                + " stored core=%d low=%d critical=%d other=%d%n", heldBefore,
                        f.metrics().dropped(PriorityClass.METRICS_CORE), f.metrics().dropped(PriorityClass.METRICS_LOW),
                        f.metrics().dropped(PriorityClass.EVENTS_CRITICAL),
                        f.metrics().dropped(PriorityClass.EVENTS_OTHER), core, low, critical, other);
                assertThat(f.metrics().droppedTotal()).isPositive();
                assertThat(core + f.metrics().dropped(PriorityClass.METRICS_CORE)).isEqualTo(producedPerMetric);
                assertThat(low + f.metrics().dropped(PriorityClass.METRICS_LOW)).isEqualTo(producedPerMetric);
                assertThat(critical + f.metrics().dropped(PriorityClass.EVENTS_CRITICAL)).isEqualTo(15);
                assertThat(other + f.metrics().dropped(PriorityClass.EVENTS_OTHER)).isEqualTo(135);
                // the order: events:other and metrics:low go before anything more important
                assertThat(f.metrics().dropped(PriorityClass.EVENTS_CRITICAL)).isZero();
                assertThat(f.metrics().dropped(PriorityClass.EVENTS_OTHER)).isPositive();
                assertThat(StoreAudit.of(server.store, Production.CORE, "h1").duplicates()).isZero();
            }
        }
    }

    @Test
    void threeAgentsWithDifferentHostIdsToOneServer() throws Exception {
        try (StoreServer server = new StoreServer(tmp.resolve("server"), 0, TOKEN)) {
            List<Thread> threads = new ArrayList<>();
            List<Forwarder> forwarders = new ArrayList<>();
            long[] produced = new long[3];
            for (int a = 0; a < 3; a++) {
                Forwarder f = new Forwarder(options(server.baseUrl(), "host-" + a, tmp.resolve("buf" + a))).start();
                forwarders.add(f);
                int idx = a;
                threads.add(Thread.ofPlatform().start(() -> {
                    Production p = new Production(15, false);
                    for (int i = 0; i < 150; i++) {
                        p.produce(f);
                        try {
                            Thread.sleep(3);
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                    produced[idx] = p.producedSamples();
                }));
            }
            for (Thread t : threads) {
                t.join();
            }
            for (Forwarder f : forwarders) {
                assertThat(f.awaitDrained(Duration.ofSeconds(20))).isTrue();
                f.close();
            }
            for (int a = 0; a < 3; a++) {
                StoreAudit audit = StoreAudit.of(server.store, Production.CORE, "host-" + a);
                System.out.printf("agent host-%d: produced=%d stored=%d duplicates=%d%n", a, produced[a],
                        audit.samples(), audit.duplicates());
                assertThat(audit.samples()).isEqualTo(produced[a]);
                assertThat(audit.duplicates()).isZero();
            }
            assertThat(server.ingest.knownAgents()).isEqualTo(3);
        }
    }

    static Event event(int i, String type, Severity sev) {
        return new Event(System.currentTimeMillis() * 1_000_000L + i, "h1", type, sev, CorrelationKey.NONE,
                Map.of("i", Integer.toString(i)), "event " + i, "test", i);
    }
}
