package dev.ktel.store.chunk;

/** A chunk's bytes do not decode; callers add which block and offset they came from. */
public final class ChunkFormatException extends RuntimeException {
  public ChunkFormatException(String message) {
    super(message);
  }
}
