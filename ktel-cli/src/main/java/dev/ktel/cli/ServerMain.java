package dev.ktel.cli;

import dev.ktel.core.http.HttpServer;
import dev.ktel.server.Server;
import dev.ktel.server.ServerSettings;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/** The body of {@code ktel server}: start, print where to look, wait for SIGTERM, stop. */
final class ServerMain {
    private ServerMain() {
    }

    static int run(String listen, Path dataDir, StorageOptions storage) throws Exception {
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
            http = server.serve(RunCommand.parseListen(listen));
        } catch (Exception e) {
            Runtime.getRuntime().removeShutdownHook(hook);
            server.close();
            throw new IllegalStateException("cannot start: " + e.getMessage(), e);
        }
        String host = http.address().getHostString();
        String url = "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + http.port();
        System.err.println("ktel server ready (store: " + Server.tsdbDir(dataDir) + "):");
        System.err.println("  metrics: " + url + "/metrics");
        stopped.await();
        return 0;
    }
}
