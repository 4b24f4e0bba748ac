package dev.ktel.store.chunk;

/** A sealed chunk: its time range and encoded bytes ({@link XorChunk} format). */
public record EncodedChunk(long minT, long maxT, byte[] data) {
  public int numSamples() {
    return XorChunk.numSamples(data);
  }
}
