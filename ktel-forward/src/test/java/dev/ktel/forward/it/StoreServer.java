package dev.ktel.forward.it;

import dev.ktel.core.event.Event;
import dev.ktel.core.http.HttpServer;
import dev.ktel.forward.server.IngestHandler;
import dev.ktel.forward.server.IngestOptions;
import dev.ktel.store.TsdbSeriesStore;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A ktel ingest server in this JVM: TSDB in {@code dir}, HttpServer on loopback, the ingest handler. */
final class StoreServer implements AutoCloseable {
    final TsdbSeriesStore store;
    final HttpServer http;
    final IngestHandler ingest;
    final List<Event> events = new CopyOnWriteArrayList<>();

    StoreServer(Path dir, int port, String token) throws IOException {
        store = TsdbSeriesStore.builder(dir).open();
        http = new HttpServer(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        IngestOptions o = token == null ? IngestOptions.open() : IngestOptions.withToken(token);
        ingest = IngestHandler.register(http, store, o.withEventSink(events::addAll));
        http.start();
    }

    int port() {
        return http.port();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + port();
    }

    @Override
    public void close() {
        http.close();
        store.close();
    }
}
