package dev.ktel.forward.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ktel.forward.agent.Forwarder;
import dev.ktel.forward.agent.ForwarderOptions;
import dev.ktel.forward.agent.PayloadFormat;
import dev.ktel.store.TsdbSeriesStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** kill -9 of the server and of the agent, as real child processes, with every sample accounted for. */
class KillTest {
    private static final String TOKEN = "kill-test-token";

    @TempDir
    Path tmp;

    @Test
    void serverKilledWhileStreamingLosesAndDuplicatesNothing() throws Exception {
        int port = ExternalProcess.freePort();
        Path data = tmp.resolve("server");
        ChildJvm server = ChildJvm.start(ServerMain.class, tmp.resolve("server1.log"), data.toString(),
                Integer.toString(port), TOKEN);
        server.awaitLine("READY", 30_000);
        Production p = new Production(20, false);
        ForwarderOptions o = ForwarderOptions.defaults(ForwarderOptions.ktelEndpoint("http://127.0.0.1:" + port),
                PayloadFormat.KTEL, "h1", tmp.resolve("buf")).withToken(TOKEN)
                .withFlush(Duration.ofMillis(20), 20_000).withBackoff(Duration.ofMillis(50), Duration.ofMillis(300));
        try (Forwarder f = new Forwarder(o).start()) {
            produceFor(p, f, 1000);
            long deadline = System.currentTimeMillis() + 15_000; // a cold child JVM answers its first batch slowly
            while (f.metrics().sentBatches() < 5 && System.currentTimeMillis() < deadline) {
                produceFor(p, f, 100);
            }
            server.kill();
            long sentBeforeKill = f.metrics().sentBatches();
            produceFor(p, f, 1000);
            server = ChildJvm.start(ServerMain.class, tmp.resolve("server2.log"), data.toString(),
                    Integer.toString(port), TOKEN);
            server.awaitLine("READY", 30_000);
            produceFor(p, f, 500);
            assertThat(f.awaitDrained(Duration.ofSeconds(30))).isTrue();
            server.kill(); // a second kill -9 right after the last acknowledgement: acknowledged means durable
            try (TsdbSeriesStore store = TsdbSeriesStore.builder(data).open()) {
                StoreAudit a = StoreAudit.of(store, Production.CORE, "h1");
                System.out.printf("server kill -9: produced=%d stored=%d duplicates=%d batches acked before kill=%d,"
                        + " total=%d, retries=%d%n", p.producedSamples(), a.samples(), a.duplicates(), sentBeforeKill,
                        f.metrics().sentBatches(), f.metrics().retries());
                assertThat(sentBeforeKill).isPositive();
                assertThat(a.samples()).isEqualTo(p.producedSamples());
                assertThat(a.duplicates()).isZero();
            }
        } finally {
            server.close();
        }
    }

    @Test
    void agentKilledThenRestartedResumesFromItsBuffer() throws Exception {
        try (StoreServer server = new StoreServer(tmp.resolve("server"), 0, TOKEN)) {
            long t0 = System.currentTimeMillis();
            int series = 20;
            Path buf = tmp.resolve("agent-buf");
            int lastDurable;
            try (ChildJvm agent = ChildJvm.start(AgentMain.class, tmp.resolve("agent1.log"), server.baseUrl(),
                    buf.toString(), "h1", TOKEN, Long.toString(t0), "0", "100000", Integer.toString(series))) {
                agent.awaitLine("P 200", 30_000);
                agent.kill();
                List<String> printed = agent.lines().stream().filter(l -> l.startsWith("P ")).toList();
                lastDurable = Integer.parseInt(printed.getLast().substring(2));
            }
            int restartFrom = lastDurable + 1;
            int more = 300;
            try (ChildJvm agent = ChildJvm.start(AgentMain.class, tmp.resolve("agent2.log"), server.baseUrl(),
                    buf.toString(), "h1", TOKEN, Long.toString(t0), Integer.toString(restartFrom),
                    Integer.toString(more), Integer.toString(series))) {
                assertThat(agent.awaitLine("DONE", 60_000)).isEqualTo("DONE");
            }
            long produced = (long) (restartFrom + more) * series;
            StoreAudit a = StoreAudit.of(server.store, Production.CORE, "h1");
            System.out.printf("agent kill -9 after collection %d: produced=%d stored=%d duplicates=%d"
                    + " duplicate batches dropped by the server=%d%n", lastDurable, produced, a.samples(),
                    a.duplicates(), server.ingest.metrics().duplicates());
            assertThat(a.samples()).isEqualTo(produced);
            assertThat(a.duplicates()).isZero();
            assertThat(server.ingest.knownAgents()).isEqualTo(1); // the restarted agent kept its id
        }
    }

    private static void produceFor(Production p, Forwarder f, long millis) throws InterruptedException {
        long end = System.currentTimeMillis() + millis;
        while (System.currentTimeMillis() < end) {
            p.produce(f);
            Thread.sleep(10);
        }
    }
}
