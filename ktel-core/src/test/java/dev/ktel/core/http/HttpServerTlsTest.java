package dev.ktel.core.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HttpServerTlsTest {
    @TempDir
    Path tmp;

    /** A self-signed cert for 127.0.0.1/localhost made by openssl; returns {cert, key}. */
    static Path[] selfSigned(Path dir) throws Exception {
        Path cert = dir.resolve("cert.pem");
        Path key = dir.resolve("key.pem");
        Process p = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt",
                "ec_paramgen_curve:prime256v1", "-nodes", "-keyout", key.toString(), "-out", cert.toString(), "-days",
                "2", "-subj", "/CN=localhost", "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost")
                .redirectErrorStream(true).redirectOutput(dir.resolve("openssl.log").toFile()).start();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(Files.readString(dir.resolve("openssl.log"))).isZero();
        return new Path[] {cert, key};
    }

    static boolean hasOpenssl() {
        try {
            return new ProcessBuilder("openssl", "version").start().waitFor() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    @Test
    void servesHttpsWithAPemCertificateAndKey() throws Exception {
        assumeTrue(hasOpenssl(), "openssl not installed: cannot make a test certificate");
        Path[] pem = selfSigned(tmp);
        try (HttpServer s = new HttpServer(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                .tls(PemTls.serverContext(pem[0], pem[1]))
                .route("/hello", (req, res) -> res.text(200, "hello over tls\n")).start()) {
            HttpClient c = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .sslContext(PemTls.trusting(pem[0])).build();
            HttpResponse<String> r = c.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + s.port()
                    + "/hello")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).isEqualTo("hello over tls\n");
            // a client that does not trust the certificate fails the handshake
            HttpClient untrusting = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            assertThatThrownBy(() -> untrusting.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:"
                    + s.port() + "/hello")).build(), HttpResponse.BodyHandlers.ofString()))
                    .isInstanceOf(IOException.class);
        }
    }

    @Test
    void aPkcs1KeyIsRefusedWithAHint() throws Exception {
        Path key = Files.writeString(tmp.resolve("rsa.pem"), "-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----\n");
        assertThatThrownBy(() -> PemTls.privateKey(key)).isInstanceOf(IOException.class)
                .hasMessageContaining("rsa.pem").hasMessageContaining("openssl pkcs8");
    }
}
