package dev.ktel.eventstore.codec;

/** Bytes that do not decode to an event (a damaged WAL record or stored document). */
public final class EventFormatException extends RuntimeException {
  public EventFormatException(String message) {
    super(message);
  }
}
