package dev.ktel.agent.events;

import dev.ktel.core.event.CorrelationKey;
import dev.ktel.core.event.Event;
import dev.ktel.core.event.Severity;
import java.util.Map;

final class TestEvents {
    /** 2026-11-25T00:00:00Z in ns. */
    static final long T0 = 1_795_564_800_000_000_000L;

    private TestEvents() {
    }

    static Event event(long seconds, String type, Severity sev, CorrelationKey key, Map<String, String> attrs) {
        return new Event(T0 + seconds * 1_000_000_000L, "node-1", type, sev, key, attrs, type + " message", "kmsg",
                seconds);
    }

    static Event event(long seconds, String type, Severity sev) {
        return event(seconds, type, sev, CorrelationKey.NONE, Map.of());
    }

    static CorrelationKey pod(String cgroup, String containerId, String podName, String namespace) {
        return new CorrelationKey(cgroup, containerId, "containerd", "uid-" + podName, podName, namespace,
                "burstable", "app");
    }
}
