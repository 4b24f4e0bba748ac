package dev.ktel.forward.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ktel.core.http.HttpRequest;
import dev.ktel.core.http.HttpResponse;
import dev.ktel.forward.wire.Batch;
import dev.ktel.forward.wire.BatchCodec;
import dev.ktel.forward.wire.Compression;
import dev.ktel.forward.wire.WriteSeries;
import dev.ktel.store.api.InMemorySeriesStore;
import dev.ktel.store.api.Labels;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The handler called directly (no sockets). */
class IngestHandlerTest {
    private final InMemorySeriesStore store = InMemorySeriesStore.builder().build();
    private final IngestHandler handler = new IngestHandler(store, IngestOptions.open());

    private HttpResponse post(String path, Map<String, String> headers, byte[] body) {
        HttpResponse res = new HttpResponse();
        handler.handle(HttpRequest.of("POST", path, headers, body), res);
        return res;
    }

    private static byte[] zstd(WriteSeries... s) {
        return Compression.ZSTD.compress(BatchCodec.encode(new Batch(List.of(s), List.of())));
    }

    @Test
    void samplesTheStoreRefusesAreCountedAndTheBatchIsStillAcknowledged() {
        Labels l = Labels.metric("m", "host", "a");
        assertThat(post(IngestHandler.KTEL_PATH, Map.of(), zstd(WriteSeries.of(l, 2000, 1))).status()).isEqualTo(204);
        // older than the newest sample (out of order) and a different value at the same timestamp
        HttpResponse res = post(IngestHandler.KTEL_PATH, Map.of(), zstd(WriteSeries.of(l, 1000, 1),
                WriteSeries.of(l, 2000, 5)));
        assertThat(res.status()).isEqualTo(204);
        assertThat(handler.metrics().rejected("out_of_order")).isEqualTo(1);
        assertThat(handler.metrics().rejected("duplicate_timestamp")).isEqualTo(1);
    }

    @Test
    void aBadIdempotencyKeyOrEncodingIsA400NamingIt() {
        HttpResponse key = post(IngestHandler.KTEL_PATH, Map.of("x-ktel-batch", "agent/notanumber"),
                zstd(WriteSeries.of(Labels.metric("m"), 1, 1)));
        assertThat(key.status()).isEqualTo(400);
        assertThat(key.bodyText()).contains("X-Ktel-Batch");
        HttpResponse enc = post(IngestHandler.REMOTE_WRITE_PATH, Map.of("content-encoding", "gzip"), new byte[] {1});
        assertThat(enc.status()).isEqualTo(400);
        assertThat(enc.bodyText()).contains("Content-Encoding");
        // remote write defaults to snappy: a zstd body without the header does not decode
        HttpResponse snappy = post(IngestHandler.REMOTE_WRITE_PATH, Map.of(), zstd(WriteSeries.of(Labels.metric("m"), 1, 1)));
        assertThat(snappy.status()).isEqualTo(400);
        assertThat(snappy.bodyText()).contains("snappy");
        assertThat(handler.metrics().errors("bad_payload")).isEqualTo(3);
        assertThat(store.seriesCount()).isZero();
    }

    @Test
    void onlyPostIsAllowed() {
        HttpResponse res = new HttpResponse();
        handler.handle(HttpRequest.of("GET", IngestHandler.KTEL_PATH, Map.of(), new byte[0]), res);
        assertThat(res.status()).isEqualTo(405);
    }
}
