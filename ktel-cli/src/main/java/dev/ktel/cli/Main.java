package dev.ktel.cli;

import dev.ktel.collectors.CollectorRegistry;
import picocli.CommandLine;

/** Entry point of the {@code ktel} command. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        Logging.configure(args);
        System.exit(newCommandLine(CollectorRegistry.discover()).execute(args));
    }

    /** The command tree with collector flags derived from the registered collectors. */
    public static CommandLine newCommandLine(CollectorRegistry registry) {
        CommandLine cl = new CommandLine(new KtelCommand());
        cl.addSubcommand("run", new RunCommand(registry, "run"));
        cl.addSubcommand("agent", new RunCommand(registry, "agent"));
        cl.addSubcommand("doctor", new DoctorCommand(registry));
        cl.addSubcommand("aot-train", new AotTrainCommand());
        cl.addSubcommand("example-config", new ExampleConfigCommand(registry));
        cl.addSubcommand("promqltest", new PromqlTestCommand());
        for (String role : new String[] {"run", "agent"}) {
            CommandLine sub = cl.getSubcommands().get(role);
            // picocli's default only negates names of word characters; collector flags contain dots
            sub.setNegatableOptionTransformer(new CommandLine.RegexTransformer.Builder()
                    .addPattern("^--no-(\\w[\\w.-]*)$", "--$1", "--[no-]$1")
                    .addPattern("^--(\\w[\\w.-]*)$", "--no-$1", "--[no-]$1")
                    .build());
            CollectorFlags.addTo(sub.getCommandSpec(), registry);
        }
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setExecutionExceptionHandler((ex, cmd, parse) -> {
            cmd.getErr().println("ktel: " + ex.getMessage());
            return 2;
        });
        return cl;
    }
}
