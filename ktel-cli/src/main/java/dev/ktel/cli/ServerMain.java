package dev.ktel.cli;

import dev.ktel.core.http.PemTls;
import dev.ktel.forward.server.IngestHandler;
import dev.ktel.forward.server.IngestOptions;
import javax.net.ssl.SSLContext;

import dev.ktel.core.http.HttpServer;
import dev.ktel.server.Server;
import dev.ktel.server.ServerSettings;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/** The body of {@code ktel server}: start, print where to look, wait for SIGTERM, stop. */
final class ServerMain {
    private ServerMain() {
    }

    static int run(String listen, Path dataDir, StorageOptions storage, Path tokenFile, Path tlsCert, Path tlsKey)
            throws Exception {
        byte[] token = tokenFile == null ? null : IngestOptions.readToken(tokenFile);
        SSLContext tls = tlsCert == null ? null : PemTls.serverContext(tlsCert, tlsKey);
        Server server = new Server(ServerSettings.of(dataDir).withRetention(RunServer.retention(storage)));
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            System.err.println("ktel: shutting down");
            server.close();
            stopped.countDown();
        }, "shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        HttpServer http;
        try {
            server.start();
            server.addRoutes((h, s) -> s.addMetricSource(IngestHandler.register(h, s.store(),
                    new IngestOptions(token, s::storeEvents)).metrics()::write));
            http = server.serve(RunCommand.parseListen(listen), tls);
        } catch (Exception e) {
            Runtime.getRuntime().removeShutdownHook(hook);
            server.close();
            throw new IllegalStateException("cannot start: " + e.getMessage(), e);
        }
        String host = http.address().getHostString();
        String url = (tls == null ? "http://" : "https://") + (host.contains(":") ? "[" + host + "]" : host) + ":" + http.port();
        System.err.println("ktel server ready (store: " + Server.tsdbDir(dataDir) + "):");
        System.err.println("  metrics: " + url + "/metrics");
        System.err.println("  query:   " + url + "/  (PromQL page; Prometheus HTTP API at " + url + "/api/v1/)");
        System.err.println("  events:  " + url + "/api/ktel/v1/events");
        System.err.println("  ingest:  " + url + IngestHandler.KTEL_PATH + " (ktel agents, --server " + url + "), "
                + url + IngestHandler.REMOTE_WRITE_PATH + " (Prometheus remote write)"
                + (token == null ? "; no --token-file: writes are not authenticated" : ""));
        stopped.await();
        return 0;
    }
}
