package dev.ktel.forward.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.ktel.core.http.HttpServer;
import dev.ktel.core.http.PemTls;
import dev.ktel.forward.agent.Forwarder;
import dev.ktel.forward.agent.ForwarderOptions;
import dev.ktel.forward.agent.PayloadFormat;
import dev.ktel.forward.server.IngestHandler;
import dev.ktel.forward.server.IngestOptions;
import dev.ktel.store.TsdbSeriesStore;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Forwarder → HTTPS (self-signed PEM cert made by openssl) with a bearer token → IngestHandler → TSDB. */
class TlsForwardTest {
    @TempDir
    Path tmp;

    @Test
    void deliversOverTlsWithABearerToken() throws Exception {
        assumeTrue(ExternalProcess.onPath("openssl"), "openssl not installed: cannot make a test certificate");
        Path cert = tmp.resolve("cert.pem");
        Path key = tmp.resolve("key.pem");
        Process p = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout",
                key.toString(), "-out", cert.toString(), "-days", "2", "-subj", "/CN=localhost", "-addext",
                "subjectAltName=IP:127.0.0.1").redirectErrorStream(true)
                .redirectOutput(tmp.resolve("openssl.log").toFile()).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0).as(() -> read(tmp.resolve("openssl.log")))
                .isTrue();
        Path token = Files.writeString(tmp.resolve("token"), "tls-token\n");
        try (TsdbSeriesStore store = TsdbSeriesStore.builder(tmp.resolve("data")).open();
                HttpServer http = new HttpServer(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                        .tls(PemTls.serverContext(cert, key))) {
            IngestHandler ingest = IngestHandler.register(http, store,
                    new IngestOptions(IngestOptions.readToken(token), e -> { }));
            http.start();
            ForwarderOptions o = ForwarderOptions.defaults(ForwarderOptions.ktelEndpoint("https://127.0.0.1:"
                    + http.port()), PayloadFormat.KTEL, "tls-host", tmp.resolve("buf")).withToken("tls-token")
                    .withSsl(PemTls.trusting(cert)).withFlush(Duration.ofMillis(20), 20_000);
            Production prod = new Production(10, false);
            try (Forwarder f = new Forwarder(o).start()) {
                for (int i = 0; i < 50; i++) {
                    prod.produce(f);
                }
                assertThat(f.awaitDrained(Duration.ofSeconds(20))).isTrue();
            }
            StoreAudit a = StoreAudit.of(store, Production.CORE, "tls-host");
            assertThat(a.samples()).isEqualTo(prod.producedSamples());
            assertThat(ingest.metrics().errors("unauthorized")).isZero();
        }
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (java.io.IOException e) {
            return e.toString();
        }
    }
}
