package dev.ktel.cli;

import dev.ktel.agent.Agent;
import dev.ktel.agent.AgentSettings;
import dev.ktel.agent.BuildInfo;
import dev.ktel.collectors.CollectorSelection;
import dev.ktel.core.io.HostPaths;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/**
 * Hidden: the training workload for the JDK's AOT cache. The launcher runs it once per build with
 * -XX:AOTCacheOutput; it starts an agent on a loopback port, scrapes it the ways Prometheus does and exits,
 * so the classes and profiles of the scrape path are in the cache.
 */
@Command(name = "aot-train", hidden = true, description = "Training run for the JVM AOT cache (used by ./ktel).")
final class AotTrainCommand implements Callable<Integer> {

    @Override
    public Integer call() throws Exception {
        Path data = Files.createTempDirectory("ktel-aot");
        AgentSettings s = new AgentSettings(new InetSocketAddress("127.0.0.1", 0), data, Duration.ofSeconds(15),
                "aot-train", HostPaths.host(), CollectorSelection.defaults(), false, "agent");
        try (Agent agent = new Agent(s, BuildInfo.version()).start()) {
            int port = agent.http().port();
            String[] variants = {"", "Accept-Encoding: gzip\r\n",
                "Accept: application/openmetrics-text;version=1.0.0,text/plain;version=0.0.4;q=0.5\r\n"
                        + "Accept-Encoding: gzip\r\n"};
            for (int i = 0; i < 60; i++) {
                scrape(port, variants[i % variants.length]);
            }
        } finally {
            try (var files = Files.walk(data)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        return 0;
    }

    private static void scrape(int port, String headers) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            OutputStream out = socket.getOutputStream();
            out.write(("GET /metrics HTTP/1.1\r\nHost: 127.0.0.1\r\n" + headers + "Connection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            in.transferTo(OutputStream.nullOutputStream());
        }
    }
}
