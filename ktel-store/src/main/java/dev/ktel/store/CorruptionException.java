package dev.ktel.store;

/**
 * Stored data failed its checksum or does not decode. Carries the file and byte offset so an operator knows what to
 * inspect; thrown by reads rather than returning wrong samples.
 */
public class CorruptionException extends RuntimeException {
  private final String file;
  private final long offset;

  public CorruptionException(String file, long offset, String what) {
    super(file + " at offset " + offset + ": " + what);
    this.file = file;
    this.offset = offset;
  }

  public String file() {
    return file;
  }

  public long offset() {
    return offset;
  }
}
