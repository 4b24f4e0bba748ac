package dev.ktel.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ktel server}: the store and its HTTP features without collectors (receives from agents, answers queries).
 * The work is in {@link ServerMain}, so that building the command tree (for any command) loads no server class.
 */
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

    @Option(names = "--token-file", paramLabel = "FILE",
            description = "Agents must send this bearer token (first line of FILE); without it writes are accepted "
                    + "unauthenticated, which is only sensible on loopback.")
    Path tokenFile;

    @Option(names = "--tls-cert", paramLabel = "FILE", description = "Serve HTTPS with this PEM certificate chain.")
    Path tlsCert;

    @Option(names = "--tls-key", paramLabel = "FILE", description = "PEM (PKCS#8) private key for --tls-cert.")
    Path tlsKey;

    @Option(names = "--log.level", paramLabel = "LEVEL", description = "error, warn, info or debug (default: info).")
    String logLevel;

    @Mixin
    StorageOptions storage;

    @Override
    public Integer call() throws Exception {
        if ((tlsCert == null) != (tlsKey == null)) {
            throw new IllegalArgumentException("--tls-cert and --tls-key go together");
        }
        return ServerMain.run(listen, dataDir, storage, tokenFile, tlsCert, tlsKey);
    }
}
