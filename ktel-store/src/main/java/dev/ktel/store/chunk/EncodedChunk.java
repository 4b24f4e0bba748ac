package dev.ktel.store.chunk;

/** A sealed chunk: its time range, encoded bytes and encoding id ({@link XorChunk} or {@link DecimalChunk}). */
public record EncodedChunk(long minT, long maxT, byte[] data, byte encoding) {
  /** An XOR chunk. */
  public EncodedChunk(long minT, long maxT, byte[] data) {
    this(minT, maxT, data, XorChunk.ENCODING);
  }

  public int numSamples() {
    return ((data[0] & 0xFF) << 8) | (data[1] & 0xFF);
  }
}
