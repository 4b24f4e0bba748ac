package dev.ktel.agent.events;

import dev.ktel.core.event.CorrelationKey;
import dev.ktel.core.event.Event;
import dev.ktel.core.event.Severity;
import java.util.Set;

/**
 * A filter over the event ring. Null or empty fields match everything. The identity filters ({@code cgroup},
 * {@code container}, {@code pod}, {@code namespace}) match as substrings, or exactly when the value starts with
 * {@code =} (e.g. {@code =/kubepods/besteffort}).
 *
 * @param types       event types to keep (any of), empty for all
 * @param minSeverity keep this severity and more severe ones, or null
 * @param cgroup      matches the cgroup path
 * @param container   matches the container id or name
 * @param pod         matches the pod name or uid
 * @param namespace   matches the Kubernetes namespace
 * @param startNanos  keep events at or after this time (ns since the epoch), or {@link Long#MIN_VALUE}
 * @param endNanos    keep events at or before this time, or {@link Long#MAX_VALUE}
 * @param limit       at most this many, newest first
 */
public record EventQuery(Set<String> types, Severity minSeverity, String cgroup, String container, String pod,
        String namespace, long startNanos, long endNanos, int limit) {

    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 10_000;

    public EventQuery {
        types = types == null ? Set.of() : Set.copyOf(types);
        if (limit <= 0) {
            throw new IllegalArgumentException("limit must be positive");
        }
    }

    /** Everything, newest first, up to {@code limit}. */
    public static EventQuery all(int limit) {
        return new EventQuery(Set.of(), null, null, null, null, null, Long.MIN_VALUE, Long.MAX_VALUE, limit);
    }

    public boolean matches(Event e) {
        if (e.timestampNanos() < startNanos || e.timestampNanos() > endNanos) {
            return false;
        }
        if (!types.isEmpty() && !types.contains(e.type())) {
            return false;
        }
        if (minSeverity != null && e.severity().ordinal() > minSeverity.ordinal()) {
            return false;
        }
        CorrelationKey k = e.key();
        return match(cgroup, k.cgroup())
                && (match(container, k.containerId()) || match(container, k.containerName()))
                && (match(pod, k.podName()) || match(pod, k.podUid()))
                && match(namespace, k.namespace());
    }

    private static boolean match(String filter, String value) {
        if (filter == null || filter.isEmpty()) {
            return true;
        }
        if (value == null) {
            return false;
        }
        if (filter.startsWith("=")) {
            return value.equals(filter.substring(1));
        }
        return value.contains(filter);
    }
}
