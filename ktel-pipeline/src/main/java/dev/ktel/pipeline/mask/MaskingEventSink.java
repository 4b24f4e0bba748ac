package dev.ktel.pipeline.mask;

import dev.ktel.core.event.Event;
import dev.ktel.core.event.EventSink;
import java.util.HashMap;
import java.util.Map;

/**
 * Masks an event's message and attribute values with the policy before passing it on. An event nothing matched
 * in is passed on as it is (no copy).
 */
public final class MaskingEventSink implements EventSink {
    private final MaskingPolicy policy;
    private final EventSink next;

    public MaskingEventSink(MaskingPolicy policy, EventSink next) {
        this.policy = policy;
        this.next = next;
    }

    @Override
    public void accept(Event e) {
        String message = policy.mask(e.message());
        Map<String, String> attrs = null;
        for (Map.Entry<String, String> a : e.attributes().entrySet()) {
            String v = policy.mask(a.getValue());
            if (v != a.getValue()) {
                if (attrs == null) {
                    attrs = new HashMap<>(e.attributes());
                }
                attrs.put(a.getKey(), v);
            }
        }
        if (message == e.message() && attrs == null) {
            next.accept(e);
        } else {
            next.accept(new Event(e.timestampNanos(), e.host(), e.type(), e.severity(), e.key(),
                    attrs == null ? e.attributes() : attrs, message, e.source(), e.sequence()));
        }
    }
}
