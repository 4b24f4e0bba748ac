package dev.ktel.cli;

import dev.ktel.agent.Agent;
import dev.ktel.agent.AgentSettings;
import dev.ktel.agent.BuildInfo;
import dev.ktel.agent.config.ConfigFile;
import dev.ktel.agent.config.DurationParser;
import dev.ktel.collectors.CollectorRegistry;
import dev.ktel.collectors.CollectorSelection;
import dev.ktel.core.http.PemTls;
import dev.ktel.core.io.HostPaths;
import dev.ktel.forward.agent.ForwarderOptions;
import dev.ktel.forward.agent.PayloadFormat;
import dev.ktel.forward.server.IngestOptions;
import java.nio.charset.StandardCharsets;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ktel run} (the all-in-one main job) and {@code ktel agent}: same options, different defaults. Today
 * both run the agent; the storage, query and forwarder work grows {@code run} into agent + server.
 */
@Command(mixinStandardHelpOptions = true, versionProvider = VersionProvider.class, sortOptions = false,
        usageHelpWidth = 110)
final class RunCommand implements Callable<Integer> {
    private final CollectorRegistry registry;
    private final String role;

    @Spec
    CommandSpec spec;

    @Option(names = "--listen", paramLabel = "HOST:PORT",
            description = "Address of the HTTP endpoint (default: 127.0.0.1:9977 for run, 127.0.0.1:9978 for agent).")
    String listen;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "State directory (default: ./data for run, ./data/agent for agent).")
    Path dataDir;

    @Option(names = "--config", paramLabel = "FILE", description = "YAML configuration file (see ktel.example.yaml).")
    Path config;

    @Option(names = "--interval", paramLabel = "DURATION",
            description = "Collection interval of the pipeline, e.g. 15s (default: 15s). /metrics always collects afresh.")
    String interval;

    @Option(names = "--host-id", paramLabel = "ID", description = "This host's id (default: the host name).")
    String hostId;

    @Option(names = "--path.procfs", paramLabel = "DIR", description = "procfs mount point (default: /proc).")
    Path procfs;

    @Option(names = "--path.sysfs", paramLabel = "DIR", description = "sysfs mount point (default: /sys).")
    Path sysfs;

    @Option(names = "--path.rootfs", paramLabel = "DIR", description = "Root filesystem of the host (default: /).")
    Path rootfs;

    @Option(names = "--path.udev.data", paramLabel = "DIR", description = "udev data (default: ROOTFS/run/udev/data).")
    Path udevData;

    @Option(names = "--kmsg", negatable = true, description = "Read typed kernel events from /dev/kmsg (default: on).")
    Boolean kmsg;

    @Option(names = "--server", paramLabel = "URL",
            description = "Forward collections and events to this ktel server, e.g. https://server:9977 (default: off).")
    String server;

    @Option(names = "--token-file", paramLabel = "FILE", description = "Bearer token for --server (first line).")
    Path tokenFile;

    @Option(names = "--server-ca", paramLabel = "FILE",
            description = "PEM certificate(s) to trust for an https --server (default: the JDK's trust store).")
    Path serverCa;

    @Option(names = "--buffer-dir", paramLabel = "DIR",
            description = "Disk buffer for batches not yet acknowledged (default: DATA-DIR/buffer).")
    Path bufferDir;

    @Option(names = "--buffer-max-bytes", paramLabel = "N",
            description = "Cap of the disk buffer; when full, lowest-priority data is dropped first (default: 268435456).")
    Long bufferMaxBytes;

    @Option(names = "--log.level", paramLabel = "LEVEL", description = "error, warn, info or debug (default: info).")
    String logLevel;

    RunCommand(CollectorRegistry registry, String role) {
        this.registry = registry;
        this.role = role;
    }

    @Override
    public Integer call() throws Exception {
        spec.name(role);
        AgentSettings settings = settings();
        Agent agent = new Agent(settings, BuildInfo.version());
        if (server != null) {
            agent.forwardTo(forwardOptions(settings));
        }
        CountDownLatch stopped = new CountDownLatch(1);
        // run = agent + server; only this branch touches server classes, so `ktel agent` never loads the store
        AutoCloseable[] server = new AutoCloseable[1];
        Thread hook = new Thread(() -> {
            System.err.println("ktel: shutting down");
            closeQuietly(server[0]);
            agent.close();
            stopped.countDown();
        }, "shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            if (role.equals("run")) {
                server[0] = ServerStart.before(agent, spec);
            }
            agent.start();
            if (server[0] != null) {
                ServerStart.after(server[0]);
            }
        } catch (Exception e) {
            Runtime.getRuntime().removeShutdownHook(hook);
            closeQuietly(server[0]);
            agent.close();
            throw new IllegalStateException("cannot start: " + e.getMessage(), e);
        }
        String url = agent.baseUrl();
        System.err.println("ktel " + role + " ready (" + agent.collectors().active().size() + " collectors; "
                + agent.collectors().unavailable().size() + " unavailable on this host):");
        System.err.println("  metrics: " + url + "/metrics");
        System.err.println("  events:  " + url + "/api/ktel/v1/events");
        if (role.equals("run")) {
            System.err.println("  query:   " + url + "/  (PromQL page; Prometheus HTTP API at " + url + "/api/v1/)");
        } else {
            System.err.println("  status:  " + url + "/");
        }
        stopped.await();
        return 0;
    }

    private static void closeQuietly(AutoCloseable c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (Exception e) {
            System.err.println("ktel: close failed: " + e);
        }
    }

    /** Defaults < config file < flags. */
    AgentSettings settings() throws Exception {
        boolean isRun = role.equals("run");
        ConfigFile file = config == null ? ConfigFile.empty() : ConfigFile.load(config, registry);

        String listenValue = first(listen, file.listen, isRun ? "127.0.0.1:9977" : "127.0.0.1:9978");
        Path data = first(dataDir, file.dataDir, Path.of(isRun ? "data" : "data/agent"));
        Duration every = interval != null ? DurationParser.parse(interval) : first(null, file.interval, Duration.ofSeconds(15));
        if (every.isZero() || every.isNegative()) {
            throw new IllegalArgumentException("--interval must be positive, got " + every);
        }
        String host = first(hostId, file.hostId, InetAddress.getLocalHost().getHostName());
        Path proc = first(procfs, file.paths.get("procfs"), Path.of("/proc"));
        Path sys = first(sysfs, file.paths.get("sysfs"), Path.of("/sys"));
        Path root = first(rootfs, file.paths.get("rootfs"), Path.of("/"));
        Path udev = first(udevData, file.paths.get("udev-data"), root.resolve("run/udev/data"));

        Map<String, Boolean> enabled = new LinkedHashMap<>(file.collectorsEnabled);
        enabled.putAll(CollectorFlags.enabled(spec, registry));
        Map<String, Map<String, String>> options = new LinkedHashMap<>();
        file.collectorOptions.forEach((k, v) -> options.put(k, new LinkedHashMap<>(v)));
        CollectorFlags.options(spec, registry).forEach((k, v) ->
                options.computeIfAbsent(k, x -> new LinkedHashMap<>()).putAll(v));

        boolean kmsgOn = first(kmsg, file.kmsgEnabled, Boolean.TRUE);
        return new AgentSettings(parseListen(listenValue), data, every, host, new HostPaths(proc, sys, root, udev),
                new CollectorSelection(enabled, options), kmsgOn, role).withPipeline(file.pipeline);
    }

    /** --server and friends as forwarder options. */
    ForwarderOptions forwardOptions(AgentSettings settings) throws java.io.IOException {
        ForwarderOptions o = ForwarderOptions.defaults(ForwarderOptions.ktelEndpoint(server), PayloadFormat.KTEL,
                settings.hostId(), bufferDir != null ? bufferDir : settings.dataDir().resolve("buffer"));
        if (tokenFile != null) {
            o = o.withToken(new String(IngestOptions.readToken(tokenFile), StandardCharsets.UTF_8));
        }
        if (bufferMaxBytes != null) {
            if (bufferMaxBytes < 64 * 1024) {
                throw new IllegalArgumentException("--buffer-max-bytes must be at least 65536, got " + bufferMaxBytes);
            }
            o = o.withBuffer(bufferMaxBytes);
        }
        if (serverCa != null) {
            o = o.withSsl(PemTls.trusting(serverCa));
        }
        return o;
    }

    static InetSocketAddress parseListen(String s) {
        int colon = s.lastIndexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("--listen: expected HOST:PORT, got \"" + s + "\"");
        }
        String host = s.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port;
        try {
            port = Integer.parseInt(s.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--listen: invalid port in \"" + s + "\"");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("--listen: port out of range in \"" + s + "\"");
        }
        return new InetSocketAddress(host.isEmpty() ? "0.0.0.0" : host, port);
    }

    @SafeVarargs
    private static <T> T first(T... values) {
        for (T v : values) {
            if (v != null) {
                return v;
            }
        }
        return null;
    }
}
