package dev.ktel.agent.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.ktel.agent.Agent;
import dev.ktel.agent.AgentSettings;
import dev.ktel.collectors.CollectorSelection;
import dev.ktel.core.event.Event;
import dev.ktel.core.io.HostPaths;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end on the real kernel (root only): a line with a password is written to /dev/kmsg, the agent reads it
 * back as an event, and the event in the agent carries the masked text only.
 */
class KmsgMaskingTest {
    private static final Path DEV_KMSG = Path.of("/dev/kmsg");

    @TempDir
    Path data;

    @Test
    @Timeout(60)
    void kernelLogLineWithASecretIsMaskedBeforeItIsStored() throws Exception {
        assumeTrue(Files.isReadable(DEV_KMSG) && Files.isWritable(DEV_KMSG),
                "needs read and write access to /dev/kmsg (root)");
        AgentSettings s = new AgentSettings(new InetSocketAddress("127.0.0.1", 0), data, Duration.ofSeconds(15),
                "test-host", HostPaths.host(), new CollectorSelection(Map.of("loadavg", true), Map.of()), true,
                "agent");
        String marker = "ktel-mask-test-" + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 1);
        try (Agent agent = new Agent(s, "test").start()) {
            Files.writeString(DEV_KMSG, "<12>" + marker + ": login retry user=ops password=hunter2 from cli\n");
            long deadline = System.nanoTime() + 20_000_000_000L;
            Optional<Event> seen = Optional.empty();
            while (seen.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(200);
                List<Event> all = agent.events().query(EventQuery.all(EventQuery.MAX_LIMIT));
                seen = all.stream().filter(e -> e.message().contains(marker)).findFirst();
            }
            assumeTrue(seen.isPresent() || agent.events().accepted() > 0,
                    "the agent read no kernel log at all (kmsg unavailable here)");
            assertThat(seen).as("the written line came back as an event").isPresent();
            assertThat(seen.get().message()).contains("password=***").doesNotContain("hunter2");
        }
    }
}
