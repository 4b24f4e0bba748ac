package dev.ktel.core.event;

/** Where sources hand their events: the in-memory ring now, the event store and forwarder later. */
@FunctionalInterface
public interface EventSink {
    void accept(Event event);
}
