package dev.ktel.cli;

import dev.ktel.agent.Agent;
import dev.ktel.server.Server;
import dev.ktel.server.ServerSettings;
import dev.ktel.server.StoreRetention;
import java.time.Duration;

/**
 * The server half of {@code ktel run}: opens the store, adds its self-metrics to the agent's /metrics, and once the
 * agent listens adds the server routes to the agent's endpoint and stores each collection. Kept out of
 * {@link RunCommand} so that {@code ktel agent} never loads server or store classes.
 */
final class RunServer implements AutoCloseable {
    private final Server server;
    private final Agent agent;

    private RunServer(Server server, Agent agent) {
        this.server = server;
        this.agent = agent;
    }

    /** Before {@code agent.start()}. */
    static RunServer attach(Agent agent, StorageOptions storage) throws Exception {
        StoreRetention r = storage == null ? StoreRetention.DEFAULT : retention(storage);
        Server server = new Server(ServerSettings.of(agent.settings().dataDir()).withRetention(r)).start();
        agent.addMetricSource(server.metrics()::write);
        agent.addEventSink(server.localEvents());
        return new RunServer(server, agent);
    }

    static StoreRetention retention(StorageOptions o) {
        return new StoreRetention(o.raw(), o.fiveMinutes(), o.oneHour(), o.sizeBytes());
    }

    /** After {@code agent.start()}. */
    void agentStarted() {
        server.routes(agent.http());
        Duration every = agent.settings().interval();
        // the server's own self-metrics are among the agent's metric sources (added in attach)
        server.ingestFrom(agent::collectInto, every, agent.settings().hostId());
    }

    @Override
    public void close() {
        server.close();
    }
}
