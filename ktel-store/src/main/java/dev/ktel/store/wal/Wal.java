package dev.ktel.store.wal;

import dev.ktel.store.encoding.Decbuf;
import dev.ktel.store.encoding.Encbuf;
import dev.ktel.store.encoding.FormatException;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32C;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Segmented write-ahead log. Each record is {@code [u32 length][u32 crc32c][u8 type][payload]} (layout and recovery
 * rules: {@code docs/format/wal.md}). Records of one commit are written with one {@code write(2)} and never span
 * segments; durability follows {@link WalOptions}.
 *
 * <p>On open, the latest checkpoint and then every later segment are replayed in order. A record whose checksum
 * fails, or that is cut short, ends its segment: the bytes from there to the end of the segment are moved to
 * {@code quarantine/<segment>.<offset>.corrupt}, the segment is truncated at that offset, a warning names segment and
 * offset, and replay continues with the next segment.
 *
 * <p>Not thread-safe: the owner serialises calls.
 */
public final class Wal implements Closeable {
  private static final Logger LOG = LoggerFactory.getLogger(Wal.class);
  /** Frame header: length + crc + type. */
  public static final int HEADER = 9;
  private static final String CHECKPOINT = "checkpoint.";

  /** Receives replayed records. */
  @FunctionalInterface
  public interface RecordHandler {
    void record(byte type, Decbuf payload);
  }

  /** Writes records into a checkpoint. */
  @FunctionalInterface
  public interface RecordSink {
    void record(byte type, Encbuf payload) throws IOException;
  }

  /** What replay found; {@code corruptions} lists each damaged place. */
  public record ReplayStats(int segments, long records, List<WalCorruptionException> corruptions) {
  }

  private final Path dir;
  private final WalOptions options;
  private final Encbuf pending = new Encbuf(1 << 16);
  private final ScheduledExecutorService syncer;
  private FileChannel segment;
  private int segmentNo;
  private long segmentSize;
  private volatile boolean dirty;
  private long bytesWritten;

  private Wal(Path dir, WalOptions options) {
    this.dir = dir;
    this.options = options;
    if (options.fsync() == WalOptions.Fsync.INTERVAL) {
      syncer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "ktel-wal-sync");
        t.setDaemon(true);
        return t;
      });
    } else {
      syncer = null;
    }
  }

  /** Opens the WAL in {@code dir}, replays it into {@code handler}, then starts a fresh segment for writing. */
  public static Wal open(Path dir, WalOptions options, RecordHandler handler, ReplayStats[] statsOut)
      throws IOException {
    Files.createDirectories(dir);
    Wal wal = new Wal(dir, options);
    ReplayStats stats = wal.replay(handler);
    if (statsOut != null && statsOut.length > 0) {
      statsOut[0] = stats;
    }
    wal.openSegment(wal.lastSegmentNumber() + 1);
    if (wal.syncer != null) {
      long ms = Math.max(1, options.syncInterval().toMillis());
      wal.syncer.scheduleWithFixedDelay(wal::backgroundSync, ms, ms, TimeUnit.MILLISECONDS);
    }
    return wal;
  }

  // ---- writing

  /** Adds a framed record to the current commit; nothing reaches the file before {@link #commit()}. */
  public void log(byte type, Encbuf payload) {
    frame(pending, type, payload);
  }

  static void frame(Encbuf out, byte type, Encbuf payload) {
    int start = out.len();
    out.putU32(payload.len() + 1);
    out.putU32(0);
    out.putByte(type);
    out.putBytes(payload.array(), 0, payload.len());
    CRC32C c = new CRC32C();
    c.update(out.array(), start + 8, payload.len() + 1);
    out.setU32(start + 4, (int) c.getValue());
  }

  /** Writes the records logged since the last commit and syncs per policy; on return they are acknowledged. */
  public void commit() throws IOException {
    if (pending.len() == 0) {
      return;
    }
    if (segmentSize > 0 && segmentSize + pending.len() > options.segmentBytes()) {
      openSegment(segmentNo + 1);
    }
    ByteBuffer bb = ByteBuffer.wrap(pending.array(), 0, pending.len());
    while (bb.hasRemaining()) {
      segment.write(bb);
    }
    segmentSize += pending.len();
    bytesWritten += pending.len();
    pending.reset();
    if (options.fsync() == WalOptions.Fsync.COMMIT) {
      segment.force(false);
    } else {
      dirty = true;
    }
  }

  private synchronized void backgroundSync() {
    if (dirty) {
      dirty = false;
      try {
        segment.force(false);
      } catch (IOException e) {
        LOG.atError().addKeyValue("segment", name(segmentNo)).setCause(e).log("wal background fsync failed");
      } catch (RuntimeException e) {
        // channel closed by a concurrent rotation; the rotation forced it
      }
    }
  }

  private synchronized void openSegment(int no) throws IOException {
    if (segment != null) {
      segment.force(false);
      segment.close();
    }
    Path p = dir.resolve(name(no));
    segment = FileChannel.open(p, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
    segmentNo = no;
    segmentSize = segment.size();
    syncDir(dir);
  }

  /**
   * Replaces everything logged so far by a checkpoint holding only what {@code writer} emits (the head's live
   * state). Crash-safe: the checkpoint is written to a temporary file, synced and renamed before older segments go.
   */
  public void checkpoint(java.util.function.Consumer<RecordSink> writer) throws IOException {
    commit();
    int upTo = segmentNo;
    openSegment(segmentNo + 1);
    Path tmp = dir.resolve(CHECKPOINT + name(upTo) + ".tmp");
    Path fin = dir.resolve(CHECKPOINT + name(upTo));
    Encbuf out = new Encbuf(1 << 16);
    try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        StandardOpenOption.TRUNCATE_EXISTING)) {
      RecordSink sink = (type, payload) -> {
        frame(out, type, payload);
        if (out.len() > (1 << 20)) {
          writeFully(ch, out);
        }
      };
      writer.accept(sink);
      writeFully(ch, out);
      ch.force(true);
    }
    try {
      Files.move(tmp, fin, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(tmp, fin, StandardCopyOption.REPLACE_EXISTING);
    }
    syncDir(dir);
    for (Path p : list()) {
      String n = p.getFileName().toString();
      if (isSegment(n) && Integer.parseInt(n) <= upTo) {
        Files.delete(p);
      } else if (n.startsWith(CHECKPOINT) && !n.equals(fin.getFileName().toString())) {
        Files.delete(p);
      }
    }
  }

  private static void writeFully(FileChannel ch, Encbuf out) throws IOException {
    ByteBuffer bb = ByteBuffer.wrap(out.array(), 0, out.len());
    while (bb.hasRemaining()) {
      ch.write(bb);
    }
    out.reset();
  }

  /** Bytes of all WAL files on disk. */
  public long sizeOnDisk() throws IOException {
    long total = 0;
    for (Path p : list()) {
      total += Files.size(p);
    }
    return total;
  }

  public long bytesWritten() {
    return bytesWritten;
  }

  @Override
  public synchronized void close() throws IOException {
    if (syncer != null) {
      syncer.shutdownNow();
    }
    if (segment != null && segment.isOpen()) {
      commit();
      segment.force(false);
      segment.close();
    }
  }

  // ---- replay

  private ReplayStats replay(RecordHandler handler) throws IOException {
    List<WalCorruptionException> corruptions = new ArrayList<>();
    long records = 0;
    int segments = 0;
    int checkpointNo = -1;
    Path checkpoint = null;
    for (Path p : list()) {
      String n = p.getFileName().toString();
      if (n.startsWith(CHECKPOINT) && n.endsWith(".tmp")) {
        Files.delete(p); // an interrupted checkpoint; the segments it would replace are still there
      } else if (n.startsWith(CHECKPOINT)) {
        int no = Integer.parseInt(n.substring(CHECKPOINT.length()));
        if (no > checkpointNo) {
          checkpointNo = no;
          checkpoint = p;
        }
      }
    }
    if (checkpoint != null) {
      records += replayFile(checkpoint, handler, corruptions);
      segments++;
    }
    for (Path p : list()) {
      String n = p.getFileName().toString();
      if (isSegment(n) && Integer.parseInt(n) > checkpointNo) {
        records += replayFile(p, handler, corruptions);
        segments++;
      }
    }
    return new ReplayStats(segments, records, corruptions);
  }

  private long replayFile(Path file, RecordHandler handler, List<WalCorruptionException> corruptions)
      throws IOException {
    byte[] data = Files.readAllBytes(file);
    String name = file.getFileName().toString();
    int off = 0;
    long records = 0;
    CRC32C crc = new CRC32C();
    while (off < data.length) {
      String problem = null;
      if (data.length - off < HEADER) {
        problem = "torn record header (" + (data.length - off) + " bytes)";
      } else {
        Decbuf h = new Decbuf(data, off, HEADER);
        long len = h.getU32() & 0xFFFFFFFFL;
        int want = h.getU32();
        if (len < 1 || len > data.length - off - 8) {
          problem = "record length " + len + " exceeds the " + (data.length - off - 8) + " bytes left";
        } else {
          crc.reset();
          crc.update(data, off + 8, (int) len);
          if ((int) crc.getValue() != want) {
            problem = "crc mismatch";
          } else {
            byte type = data[off + 8];
            try {
              handler.record(type, new Decbuf(data, off + HEADER, (int) len - 1));
            } catch (FormatException e) {
              problem = "record type " + type + " does not decode: " + e.getMessage();
            }
            if (problem == null) {
              off += 8 + (int) len;
              records++;
              continue;
            }
          }
        }
      }
      WalCorruptionException c = new WalCorruptionException(name, off, problem);
      quarantine(file, data, off, c);
      corruptions.add(c);
      break;
    }
    return records;
  }

  private void quarantine(Path file, byte[] data, int off, WalCorruptionException c) throws IOException {
    Path qdir = dir.resolve("quarantine");
    Files.createDirectories(qdir);
    Path q = qdir.resolve(file.getFileName() + "." + off + ".corrupt");
    Files.write(q, java.util.Arrays.copyOfRange(data, off, data.length));
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
      ch.truncate(off);
      ch.force(true);
    }
    LOG.atWarn().addKeyValue("segment", c.segment()).addKeyValue("offset", c.offset())
        .addKeyValue("bytes", data.length - off).addKeyValue("quarantine", q)
        .log("wal corruption: {}; damaged tail moved aside, replay continues with the next segment", c.getMessage());
  }

  private int lastSegmentNumber() throws IOException {
    int last = 0;
    for (Path p : list()) {
      String n = p.getFileName().toString();
      if (isSegment(n)) {
        last = Math.max(last, Integer.parseInt(n));
      } else if (n.startsWith(CHECKPOINT) && !n.endsWith(".tmp")) {
        last = Math.max(last, Integer.parseInt(n.substring(CHECKPOINT.length())));
      }
    }
    return last;
  }

  private List<Path> list() throws IOException {
    List<Path> out = new ArrayList<>();
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
      for (Path p : ds) {
        if (Files.isRegularFile(p)) {
          out.add(p);
        }
      }
    }
    out.sort(null);
    return out;
  }

  static boolean isSegment(String n) {
    if (n.length() != 8) {
      return false;
    }
    for (int i = 0; i < 8; i++) {
      if (n.charAt(i) < '0' || n.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }

  static String name(int no) {
    return String.format("%08d", no);
  }

  /** fsync a directory so a created or renamed entry is durable. */
  public static void syncDir(Path d) {
    try (FileChannel ch = FileChannel.open(d, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException e) {
      throw new UncheckedIOException("fsync of directory " + d, e);
    }
  }
}
