package dev.ktel.cli;

import dev.ktel.agent.Agent;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The only path from {@link RunCommand} to server code; its signatures use JDK and agent types only, so verifying
 * RunCommand for {@code ktel agent} never resolves a server or store class.
 */
final class ServerStart {
    private ServerStart() {
    }

    static AutoCloseable before(Agent agent, CommandSpec spec) throws Exception {
        CommandSpec mixin = spec.mixins().get("storage");
        StorageOptions storage = mixin == null ? null : (StorageOptions) mixin.userObject();
        return RunServer.attach(agent, storage);
    }

    static void after(AutoCloseable server) {
        ((RunServer) server).agentStarted();
    }
}
