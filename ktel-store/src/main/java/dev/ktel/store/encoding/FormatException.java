package dev.ktel.store.encoding;

/** Bytes that do not decode as the documented format; the message carries the offset. */
public final class FormatException extends RuntimeException {
  public FormatException(String message) {
    super(message);
  }
}
