package dev.ktel.forward.agent;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLContext;

/**
 * Forwarder settings.
 *
 * @param endpoint         the full write URL (e.g. {@code https://server:9977/api/ktel/v1/write})
 * @param format           KTEL or REMOTE_WRITE
 * @param token            bearer token, or null
 * @param hostId           value of the {@code host} and {@code instance} labels
 * @param bufferDir        the disk buffer's directory
 * @param bufferMaxBytes   cap of the buffer's live records
 * @param flushInterval    longest time a collection waits before it is sealed into a batch
 * @param maxBatchItems    a batch is sealed earlier when it holds this many samples + events
 * @param minBackoff       first retry delay; doubles per failure up to maxBackoff
 * @param maxBackoff       longest retry delay (Prometheus' default is 5 s as well)
 * @param requestTimeout   per-request timeout
 * @param lowPriorityMetricPrefixes metric name prefixes that go to the {@code metrics:low} class
 * @param sslContext       TLS trust for https endpoints, or null for the JDK default
 */
public record ForwarderOptions(URI endpoint, PayloadFormat format, String token, String hostId, Path bufferDir,
        long bufferMaxBytes, Duration flushInterval, int maxBatchItems, Duration minBackoff, Duration maxBackoff,
        Duration requestTimeout, List<String> lowPriorityMetricPrefixes, SSLContext sslContext) {

    public static final long DEFAULT_BUFFER_BYTES = 256L << 20;

    public static ForwarderOptions defaults(URI endpoint, PayloadFormat format, String hostId, Path bufferDir) {
        return new ForwarderOptions(endpoint, format, null, hostId, bufferDir, DEFAULT_BUFFER_BYTES,
                Duration.ofMillis(250), 20_000, Duration.ofMillis(100), Duration.ofSeconds(5), Duration.ofSeconds(10),
                List.of(), null);
    }

    /** A ktel server's base URL ({@code http://host:port}) to its write endpoint. */
    public static URI ktelEndpoint(String serverBaseUrl) {
        String base = serverBaseUrl.endsWith("/") ? serverBaseUrl.substring(0, serverBaseUrl.length() - 1)
                : serverBaseUrl;
        return URI.create(base + "/api/ktel/v1/write");
    }

    public ForwarderOptions withToken(String t) {
        return new ForwarderOptions(endpoint, format, t, hostId, bufferDir, bufferMaxBytes, flushInterval,
                maxBatchItems, minBackoff, maxBackoff, requestTimeout, lowPriorityMetricPrefixes, sslContext);
    }

    public ForwarderOptions withBuffer(long maxBytes) {
        return new ForwarderOptions(endpoint, format, token, hostId, bufferDir, maxBytes, flushInterval,
                maxBatchItems, minBackoff, maxBackoff, requestTimeout, lowPriorityMetricPrefixes, sslContext);
    }

    public ForwarderOptions withBackoff(Duration min, Duration max) {
        return new ForwarderOptions(endpoint, format, token, hostId, bufferDir, bufferMaxBytes, flushInterval,
                maxBatchItems, min, max, requestTimeout, lowPriorityMetricPrefixes, sslContext);
    }

    public ForwarderOptions withFlush(Duration interval, int items) {
        return new ForwarderOptions(endpoint, format, token, hostId, bufferDir, bufferMaxBytes, interval, items,
                minBackoff, maxBackoff, requestTimeout, lowPriorityMetricPrefixes, sslContext);
    }

    public ForwarderOptions withLowPriority(List<String> prefixes) {
        return new ForwarderOptions(endpoint, format, token, hostId, bufferDir, bufferMaxBytes, flushInterval,
                maxBatchItems, minBackoff, maxBackoff, requestTimeout, List.copyOf(prefixes), sslContext);
    }

    public ForwarderOptions withSsl(SSLContext ctx) {
        return new ForwarderOptions(endpoint, format, token, hostId, bufferDir, bufferMaxBytes, flushInterval,
                maxBatchItems, minBackoff, maxBackoff, requestTimeout, lowPriorityMetricPrefixes, ctx);
    }
}
