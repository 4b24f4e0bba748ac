package dev.ktel.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code ktel}: prints help when called without a subcommand. */
@Command(name = "ktel", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Kernel telemetry: collect, process, forward, store and query Linux kernel signals.", ""},
        subcommandsRepeatable = false,
        footer = {"", "Run 'ktel COMMAND --help' for a command's options."})
final class KtelCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
