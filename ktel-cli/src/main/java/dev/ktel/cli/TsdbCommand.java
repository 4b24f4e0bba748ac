package dev.ktel.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ktel tsdb import --openmetrics FILE --data-dir DIR}: backfill, as promtool's create-blocks-from. The work
 * is in {@link TsdbImport}, so that building the command tree loads no store class.
 */
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
            return TsdbImport.run(file, dataDir, spec.commandLine().getOut(), spec.commandLine().getErr());
        }
    }
}
