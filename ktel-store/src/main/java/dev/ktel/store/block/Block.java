package dev.ktel.store.block;

import dev.ktel.store.CorruptionException;
import dev.ktel.store.api.Labels;
import dev.ktel.store.chunk.DecimalChunk;
import dev.ktel.store.chunk.EncodedChunk;
import dev.ktel.store.chunk.XorChunk;
import dev.ktel.store.encoding.Decbuf;
import dev.ktel.store.encoding.FormatException;
import dev.ktel.store.index.IndexReader;
import java.io.Closeable;
import java.io.IOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeMap;
import java.util.zip.CRC32C;

/**
 * A read-only block. {@link #open} verifies meta.json, the index file's size and CRC32C against meta, and every index
 * section's own CRC, and loads the index into memory (symbols, series with chunk refs, postings). Chunks stay in the
 * memory-mapped chunks file; each chunk's CRC is verified when it is read, and a mismatch throws
 * {@link CorruptionException} naming block and offset.
 */
public final class Block implements IndexReader, Closeable {
  /** Chunk metadata of one series in this block. */
  public record ChunkMeta(long minT, long maxT, long ref) {
  }

  private final Path dir;
  private final BlockMeta meta;
  private final Labels[] labels;
  private final ChunkMeta[][] chunks;
  private final TreeMap<String, TreeMap<String, int[]>> postings;
  private final FileChannel chunksChannel;
  private final MappedByteBuffer chunkData;

  private Block(Path dir, BlockMeta meta, Labels[] labels, ChunkMeta[][] chunks,
      TreeMap<String, TreeMap<String, int[]>> postings, FileChannel ch, MappedByteBuffer data) {
    this.dir = dir;
    this.meta = meta;
    this.labels = labels;
    this.chunks = chunks;
    this.postings = postings;
    this.chunksChannel = ch;
    this.chunkData = data;
  }

  public static Block open(Path dir) throws IOException {
    String name = dir.getFileName().toString();
    Path metaFile = dir.resolve("meta.json");
    BlockMeta meta = BlockMeta.parse(Files.readString(metaFile, StandardCharsets.UTF_8), name + "/meta.json");
    String ixName = name + "/index";
    byte[] ix = Files.readAllBytes(dir.resolve("index"));
    if (ix.length != meta.indexSize()) {
      throw new CorruptionException(ixName, ix.length, "size " + ix.length + " but meta.json says " + meta.indexSize());
    }
    CRC32C crc = new CRC32C();
    crc.update(ix, 0, ix.length);
    if ((int) crc.getValue() != meta.indexCrc()) {
      throw new CorruptionException(ixName, 0, "file crc mismatch against meta.json");
    }
    Labels[] labels;
    ChunkMeta[][] chunks;
    TreeMap<String, TreeMap<String, int[]>> postings = new TreeMap<>();
    try {
      Decbuf h = new Decbuf(ix, 0, ix.length);
      if (h.getU32() != BlockWriter.INDEX_MAGIC || h.getByte() != BlockWriter.FORMAT_VERSION) {
        throw new CorruptionException(ixName, 0, "bad magic or version");
      }
      int tocStart = ix.length - 28;
      Decbuf toc = new Decbuf(ix, tocStart, 28);
      long symOff = toc.getU64();
      long serOff = toc.getU64();
      long postOff = toc.getU64();
      crc.reset();
      crc.update(ix, tocStart, 24);
      if ((int) crc.getValue() != toc.getU32()) {
        throw new CorruptionException(ixName, tocStart, "toc crc mismatch");
      }
      Decbuf sym = section(ix, symOff, ixName, "symbols");
      String[] symbols = new String[sym.getUvarintInt()];
      for (int i = 0; i < symbols.length; i++) {
        symbols[i] = sym.getString();
      }
      Decbuf ser = section(ix, serOff, ixName, "series");
      int n = ser.getUvarintInt();
      labels = new Labels[n];
      chunks = new ChunkMeta[n][];
      for (int s = 0; s < n; s++) {
        int nl = ser.getUvarintInt();
        Labels.Builder b = Labels.builder();
        for (int i = 0; i < nl; i++) {
          b.set(symbols[ser.getUvarintInt()], symbols[ser.getUvarintInt()]);
        }
        labels[s] = b.build();
        int nc = ser.getUvarintInt();
        chunks[s] = new ChunkMeta[nc];
        long prevMax = 0;
        long prevRef = 0;
        for (int c = 0; c < nc; c++) {
          long minT = c == 0 ? ser.getVarint() : prevMax + ser.getVarint();
          long maxT = minT + ser.getUvarint();
          long ref = prevRef + ser.getUvarint();
          chunks[s][c] = new ChunkMeta(minT, maxT, ref);
          prevMax = maxT;
          prevRef = ref;
        }
      }
      Decbuf post = section(ix, postOff, ixName, "postings");
      int pairs = post.getUvarintInt();
      for (int p = 0; p < pairs; p++) {
        String ln = symbols[post.getUvarintInt()];
        String lv = symbols[post.getUvarintInt()];
        int[] ids = new int[post.getUvarintInt()];
        int prev = 0;
        for (int i = 0; i < ids.length; i++) {
          prev += post.getUvarintInt();
          ids[i] = prev;
        }
        postings.computeIfAbsent(ln, k -> new TreeMap<>()).put(lv, ids);
      }
    } catch (FormatException | ArrayIndexOutOfBoundsException e) {
      throw new CorruptionException(ixName, 0, "does not decode: " + e.getMessage());
    }
    FileChannel ch = FileChannel.open(dir.resolve("chunks"), StandardOpenOption.READ);
    long size = ch.size();
    if (size != meta.chunksSize()) {
      ch.close();
      throw new CorruptionException(name + "/chunks", size, "size " + size + " but meta.json says "
          + meta.chunksSize());
    }
    MappedByteBuffer data = ch.map(FileChannel.MapMode.READ_ONLY, 0, size);
    return new Block(dir, meta, labels, chunks, postings, ch, data);
  }

  private static Decbuf section(byte[] ix, long off, String file, String what) {
    if (off < 0 || off + 8 > ix.length) {
      throw new CorruptionException(file, off, what + " section offset out of range");
    }
    Decbuf d = new Decbuf(ix, (int) off, ix.length - (int) off);
    int len = d.getU32();
    if (len < 0 || off + 4 + len + 4 > ix.length) {
      throw new CorruptionException(file, off, what + " section length " + len + " out of range");
    }
    CRC32C crc = new CRC32C();
    crc.update(ix, (int) off + 4, len);
    int want = new Decbuf(ix, (int) off + 4 + len, 4).getU32();
    if ((int) crc.getValue() != want) {
      throw new CorruptionException(file, off, what + " section crc mismatch");
    }
    return new Decbuf(ix, (int) off + 4, len);
  }

  /** Reads and verifies one chunk. */
  public EncodedChunk chunk(ChunkMeta cm) {
    String file = dir.getFileName() + "/chunks";
    long ref = cm.ref();
    if (ref < 5 || ref >= chunkData.limit()) {
      throw new CorruptionException(file, ref, "chunk reference out of range");
    }
    int pos = (int) ref;
    long len = 0;
    int shift = 0;
    while (true) {
      if (pos >= chunkData.limit() || shift > 28) {
        throw new CorruptionException(file, ref, "bad chunk length");
      }
      int b = chunkData.get(pos++) & 0xFF;
      len |= (long) (b & 0x7F) << shift;
      shift += 7;
      if ((b & 0x80) == 0) {
        break;
      }
    }
    if (pos + 1 + len + 4 > chunkData.limit()) {
      throw new CorruptionException(file, ref, "chunk length " + len + " past end of file");
    }
    byte[] buf = new byte[(int) len + 1];
    chunkData.get(pos, buf);
    int want = chunkData.getInt(pos + buf.length);
    CRC32C crc = new CRC32C();
    crc.update(buf, 0, buf.length);
    if ((int) crc.getValue() != want) {
      throw new CorruptionException(file, ref, "chunk crc mismatch");
    }
    if (buf[0] != XorChunk.ENCODING && buf[0] != DecimalChunk.ENCODING) {
      throw new CorruptionException(file, ref, "unknown chunk encoding " + buf[0]);
    }
    return new EncodedChunk(cm.minT(), cm.maxT(), java.util.Arrays.copyOfRange(buf, 1, buf.length), buf[0]);
  }

  public ChunkMeta[] chunks(int id) {
    return chunks[id];
  }

  public BlockMeta meta() {
    return meta;
  }

  public Path dir() {
    return dir;
  }

  public long sizeOnDisk() {
    return meta.indexSize() + meta.chunksSize();
  }

  @Override
  public int size() {
    return labels.length;
  }

  @Override
  public Labels labels(int id) {
    return labels[id];
  }

  @Override
  public Collection<String> labelNames() {
    return postings.keySet();
  }

  @Override
  public Collection<String> labelValues(String name) {
    TreeMap<String, int[]> m = postings.get(name);
    return m == null ? List.of() : m.keySet();
  }

  @Override
  public int[] postings(String name, String value) {
    TreeMap<String, int[]> m = postings.get(name);
    int[] p = m == null ? null : m.get(value);
    return p == null ? new int[0] : p;
  }

  /** All labels, for series counting. */
  public List<Labels> allLabels() {
    return new ArrayList<>(List.of(labels));
  }

  @Override
  public void close() throws IOException {
    chunksChannel.close();
  }
}
