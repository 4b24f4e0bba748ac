package dev.ktel.store.block;

import dev.ktel.store.api.Labels;
import dev.ktel.store.chunk.EncodedChunk;
import dev.ktel.store.chunk.XorChunk;
import dev.ktel.store.encoding.Encbuf;
import dev.ktel.store.wal.Wal;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.zip.CRC32C;

/**
 * Writes one immutable block directory ({@code chunks}, {@code index}, {@code meta.json}; layouts in
 * {@code docs/format/}). Files go to {@code <ulid>.tmp}, are fsynced, and the directory is renamed into place, so a
 * crash leaves either a complete block or a {@code .tmp} directory that opening ignores and deletes.
 */
public final class BlockWriter {
  public static final int CHUNKS_MAGIC = 0x4B54434B; // "KTCK"
  public static final int INDEX_MAGIC = 0x4B54494E; // "KTIN"
  public static final int FORMAT_VERSION = 1;

  /** One series with its chunks, chunks sorted by time and not overlapping. */
  public record SeriesChunks(Labels labels, List<EncodedChunk> chunks) {
  }

  private BlockWriter() {
  }

  /**
   * Writes a block holding {@code series} (sorted by labels, non-empty chunk lists) covering {@code [minT, maxT)}.
   * Returns the block's directory.
   */
  public static Path write(Path blocksDir, long minT, long maxT, List<SeriesChunks> series) throws IOException {
    return write(blocksDir, minT, maxT, series, 1, "");
  }

  /** As {@link #write(Path, long, long, List)} for a merged block: its level and the ids of the blocks it replaces. */
  public static Path write(Path blocksDir, long minT, long maxT, List<SeriesChunks> series, int level,
      String parents) throws IOException {
    String ulid = Ulid.next(System.currentTimeMillis());
    Path tmp = blocksDir.resolve(ulid + ".tmp");
    Files.createDirectories(tmp);

    // chunks file
    Encbuf cb = new Encbuf(1 << 20);
    cb.putU32(CHUNKS_MAGIC);
    cb.putByte(FORMAT_VERSION);
    long[][] refs = new long[series.size()][];
    long numSamples = 0;
    long numChunks = 0;
    for (int s = 0; s < series.size(); s++) {
      List<EncodedChunk> cs = series.get(s).chunks();
      refs[s] = new long[cs.size()];
      for (int c = 0; c < cs.size(); c++) {
        EncodedChunk ch = cs.get(c);
        refs[s][c] = cb.len();
        cb.putUvarint(ch.data().length);
        int start = cb.len();
        cb.putByte(ch.encoding());
        cb.putBytes(ch.data(), 0, ch.data().length);
        cb.putU32(cb.crc32c(start));
        numSamples += ch.numSamples();
        numChunks++;
      }
    }
    int chunksCrc = writeFile(tmp.resolve("chunks"), cb);

    // index file
    TreeSet<String> symbolSet = new TreeSet<>();
    TreeMap<String, TreeMap<String, List<Integer>>> postings = new TreeMap<>();
    for (int s = 0; s < series.size(); s++) {
      Labels l = series.get(s).labels();
      for (int i = 0; i < l.size(); i++) {
        symbolSet.add(l.name(i));
        symbolSet.add(l.value(i));
        postings.computeIfAbsent(l.name(i), k -> new TreeMap<>()).computeIfAbsent(l.value(i), k -> new ArrayList<>())
            .add(s);
      }
    }
    List<String> symbols = new ArrayList<>(symbolSet);
    Map<String, Integer> symRef = new HashMap<>();
    for (int i = 0; i < symbols.size(); i++) {
      symRef.put(symbols.get(i), i);
    }
    Encbuf ib = new Encbuf(1 << 16);
    ib.putU32(INDEX_MAGIC);
    ib.putByte(FORMAT_VERSION);

    long symbolsOff = ib.len();
    Encbuf sec = new Encbuf(1 << 16);
    sec.putUvarint(symbols.size());
    for (String sym : symbols) {
      sec.putString(sym);
    }
    section(ib, sec);

    long seriesOff = ib.len();
    sec.reset();
    sec.putUvarint(series.size());
    for (int s = 0; s < series.size(); s++) {
      Labels l = series.get(s).labels();
      sec.putUvarint(l.size());
      for (int i = 0; i < l.size(); i++) {
        sec.putUvarint(symRef.get(l.name(i)));
        sec.putUvarint(symRef.get(l.value(i)));
      }
      List<EncodedChunk> cs = series.get(s).chunks();
      sec.putUvarint(cs.size());
      long prevMax = 0;
      long prevRef = 0;
      for (int c = 0; c < cs.size(); c++) {
        EncodedChunk ch = cs.get(c);
        sec.putVarint(c == 0 ? ch.minT() : ch.minT() - prevMax);
        sec.putUvarint(ch.maxT() - ch.minT());
        sec.putUvarint(refs[s][c] - prevRef);
        prevMax = ch.maxT();
        prevRef = refs[s][c];
      }
    }
    section(ib, sec);

    long postingsOff = ib.len();
    sec.reset();
    int pairs = 0;
    for (var e : postings.values()) {
      pairs += e.size();
    }
    sec.putUvarint(pairs);
    for (var byName : postings.entrySet()) {
      for (var byValue : byName.getValue().entrySet()) {
        sec.putUvarint(symRef.get(byName.getKey()));
        sec.putUvarint(symRef.get(byValue.getKey()));
        List<Integer> ids = byValue.getValue();
        sec.putUvarint(ids.size());
        int prev = 0;
        for (int id : ids) {
          sec.putUvarint(id - prev);
          prev = id;
        }
      }
    }
    section(ib, sec);

    int tocStart = ib.len();
    ib.putU64(symbolsOff);
    ib.putU64(seriesOff);
    ib.putU64(postingsOff);
    ib.putU32(ib.crc32c(tocStart));
    int indexCrc = writeFile(tmp.resolve("index"), ib);

    BlockMeta meta = new BlockMeta(ulid, minT, maxT, numSamples, series.size(), numChunks, level, parents, ib.len(), indexCrc,
        cb.len(), chunksCrc);
    Encbuf mb = new Encbuf(1024);
    byte[] json = meta.toJson().getBytes(StandardCharsets.UTF_8);
    mb.putBytes(json, 0, json.length);
    writeFile(tmp.resolve("meta.json"), mb);
    Wal.syncDir(tmp);
    Path fin = blocksDir.resolve(ulid);
    Files.move(tmp, fin, StandardCopyOption.ATOMIC_MOVE);
    Wal.syncDir(blocksDir);
    return fin;
  }

  /** {@code [u32 length][payload][u32 crc32c(payload)]}. */
  private static void section(Encbuf out, Encbuf payload) {
    out.putU32(payload.len());
    int start = out.len();
    out.putBytes(payload.array(), 0, payload.len());
    out.putU32(out.crc32c(start));
  }

  private static int writeFile(Path p, Encbuf b) throws IOException {
    try (FileChannel ch = FileChannel.open(p, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      ByteBuffer bb = ByteBuffer.wrap(b.array(), 0, b.len());
      while (bb.hasRemaining()) {
        ch.write(bb);
      }
      ch.force(true);
    }
    CRC32C c = new CRC32C();
    c.update(b.array(), 0, b.len());
    return (int) c.getValue();
  }
}
