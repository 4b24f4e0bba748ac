package dev.ktel.cli;

import dev.ktel.core.http.HttpServer;
import dev.ktel.server.Server;
import dev.ktel.server.ServerSettings;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ktel server}: the store and its HTTP features without collectors (receives from agents, answers queries). */
@Command(name = "server", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        sortOptions = false, usageHelpWidth = 110,
        description = "Run the server alone: store under --data-dir, query and ingest endpoints, no collectors.")
final class ServerCommand implements Callable<Integer> {
    @Option(names = "--listen", paramLabel = "HOST:PORT", defaultValue = "127.0.0.1:9977",
            description = "Address of the HTTP endpoint (default: ${DEFAULT-VALUE}).")
    String listen;

    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "data",
            description = "Data directory; series are stored in DIR/tsdb (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--log.level", paramLabel = "LEVEL", description = "error, warn, info or debug (default: info).")
    String logLevel;

    @Mixin
    StorageOptions storage;

    @Override
    public Integer call() throws Exception {
        Server server = new Server(ServerSettings.of(dataDir).withRetention(storage.retention()));
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
