package dev.ktel.core.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** With concurrent handlers (the server role), one request whose handler blocks does not hold up another. */
class HttpServerConcurrentHandlersTest {
    @Test
    void aBlockedHandlerDoesNotHoldUpOtherRequests() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch entered = new CountDownLatch(1);
        try (HttpServer http = new HttpServer(new InetSocketAddress("127.0.0.1", 0)).concurrentHandlers()
                .route("/slow", (req, res) -> {
                    entered.countDown();
                    try {
                        release.await(20, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    res.text(200, "slow\n");
                })
                .route("/fast", (req, res) -> res.text(200, "fast\n")).start()) {
            HttpClient client = HttpClient.newHttpClient();
            String base = "http://127.0.0.1:" + http.port();
            CompletableFuture<HttpResponse<String>> slow = client.sendAsync(
                    HttpRequest.newBuilder(URI.create(base + "/slow")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
            HttpResponse<String> fast = HttpClient.newHttpClient().sendAsync(
                    HttpRequest.newBuilder(URI.create(base + "/fast")).build(), HttpResponse.BodyHandlers.ofString())
                    .get(10, TimeUnit.SECONDS);
            assertThat(fast.body()).isEqualTo("fast\n");
            assertThat(slow).as("the slow request is still running").isNotDone();
            release.countDown();
            assertThat(slow.get(10, TimeUnit.SECONDS).body()).isEqualTo("slow\n");
        }
    }
}
