package dev.ktel.store.chunk;

import dev.ktel.store.api.SampleIterator;
import dev.ktel.store.head.SampleBuf;
import java.util.ArrayList;
import java.util.List;

/** Chunk encodings by id, and the block-time choice of the smallest one. */
public final class Chunks {
  private Chunks() {
  }

  public static SampleIterator iterator(byte encoding, byte[] data) {
    return switch (encoding) {
      case XorChunk.ENCODING -> new XorIterator(data);
      case DecimalChunk.ENCODING -> new DecimalChunk.Iterator(data);
      default -> throw new ChunkFormatException("unknown chunk encoding " + encoding);
    };
  }

  /** Splits sorted samples into chunks of {@link XorChunk#TARGET_SAMPLES}, each in its smallest encoding. */
  public static List<EncodedChunk> encodeForBlock(SampleBuf b) {
    List<EncodedChunk> out = new ArrayList<>();
    for (int from = 0; from < b.n; from += XorChunk.TARGET_SAMPLES) {
      int to = Math.min(b.n, from + XorChunk.TARGET_SAMPLES);
      XorChunk x = new XorChunk();
      for (int i = from; i < to; i++) {
        x.append(b.t[i], b.v[i]);
      }
      byte[] best = x.bytes();
      byte enc = XorChunk.ENCODING;
      for (int mode = 1; mode <= 2; mode++) {
        byte[] d = DecimalChunk.encode(b.t, b.v, from, to, mode);
        if (d == null) {
          break;
        }
        if (d.length < best.length) {
          best = d;
          enc = DecimalChunk.ENCODING;
        }
      }
      out.add(new EncodedChunk(b.t[from], b.t[to - 1], best, enc));
    }
    return out;
  }
}
