package dev.ktel.cli;

import dev.ktel.server.Server;
import dev.ktel.server.StoreRetention;
import dev.ktel.store.TsdbSeriesStore;
import dev.ktel.store.importer.OpenMetricsImporter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ktel tsdb import --openmetrics FILE --data-dir DIR}: backfill, as promtool's create-blocks-from. */
@Command(name = "tsdb", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Store tools.", subcommands = TsdbCommand.Import.class)
final class TsdbCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    @Command(name = "import", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
            description = "Backfill an OpenMetrics text file (every sample with a timestamp) into DIR/tsdb; the "
                    + "data is then queryable by ktel run / ktel server with the same --data-dir.")
    static final class Import implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--openmetrics", paramLabel = "FILE", required = true, description = "OpenMetrics text file.")
        Path file;

        @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "data",
                description = "Data directory (default: ${DEFAULT-VALUE}).")
        Path dataDir;

        @Override
        public Integer call() throws Exception {
            if (!Files.isReadable(file)) {
                spec.commandLine().getErr().println("ktel: " + file + ": not a readable file");
                return 1;
            }
            OpenMetricsImporter.Result r;
            try (TsdbSeriesStore store = Server.openStore(dataDir, StoreRetention.DEFAULT)) {
                r = OpenMetricsImporter.importInto(file, store);
                store.compactBlocks();
                store.downsample();
            } catch (OpenMetricsImporter.ParseException e) {
                spec.commandLine().getErr().println("ktel: " + e.getMessage());
                return 1;
            }
            spec.commandLine().getOut().printf("imported %d samples of %d series into %d blocks (%d .. %d) in %s%n",
                    r.samples(), r.series(), r.blocks(), r.minTime(), r.maxTime(), Server.tsdbDir(dataDir));
            return 0;
        }
    }
}
