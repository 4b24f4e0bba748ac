package dev.ktel.core.event;

import java.util.Map;

/**
 * A typed kernel or host event: an OOM kill, a hung task, a link going down, or a plain log line.
 *
 * @param timestampNanos wall-clock time of the event, nanoseconds since the epoch
 * @param host           host id the event comes from
 * @param type           event type, e.g. {@code oom_kill}, {@code hung_task}, {@code log}
 * @param severity       syslog severity
 * @param key            correlation key (cgroup, container, pod) where known, else {@link CorrelationKey#NONE}
 * @param attributes     typed fields parsed from the message (pid, comm, device, ...), as strings
 * @param message        the original message text (possibly several lines)
 * @param source         where it was read, e.g. {@code kmsg}, {@code ebpf}
 * @param sequence       the source's sequence number (kmsg seq), or -1
 */
public record Event(long timestampNanos, String host, String type, Severity severity, CorrelationKey key,
        Map<String, String> attributes, String message, String source, long sequence) {

    public Event {
        attributes = Map.copyOf(attributes);
        if (key == null) {
            key = CorrelationKey.NONE;
        }
    }

    public String attribute(String name) {
        return attributes.get(name);
    }
}
