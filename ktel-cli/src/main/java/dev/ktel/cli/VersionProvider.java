package dev.ktel.cli;

import dev.ktel.agent.BuildInfo;
import picocli.CommandLine.IVersionProvider;

/** {@code ktel --version}. */
final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
        return new String[] {"ktel " + BuildInfo.version() + " (revision " + BuildInfo.revision() + ")",
            "Java " + Runtime.version() + " (" + System.getProperty("java.vm.name") + ")"};
    }
}
