package dev.ktel.eventstore.wal;

import java.io.Closeable;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.CRC32C;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The append-only event log that makes an append durable long before the index commits. A directory of segment
 * files named after the first store sequence they hold ({@code 00000000000000000042.wal}); a new segment starts at
 * every index commit, and the older ones are deleted then. File layout: magic {@code KEVW}, version (4), then
 * records: payload length (4), CRC-32C of the payload (4), payload. A payload is one appended batch: first
 * sequence (8), event count (4), then per event its length (4) and its encoding. A batch is a record so that it is
 * replayed whole or not at all.
 *
 * <p>Not thread-safe: the store serialises calls.
 */
public final class EventWal implements Closeable {
  private static final Logger LOG = LoggerFactory.getLogger(EventWal.class);
  static final int MAGIC = 0x4b455657; // "KEVW"
  static final int VERSION = 1;
  static final int HEADER = 8;
  static final int RECORD_HEADER = 8;
  static final String SUFFIX = ".wal";

  private final Path dir;
  private final FsyncPolicy policy;
  /** A stream, not a channel: an interrupted thread closes a FileChannel under every other appender. */
  private FileOutputStream out;
  private Path current;
  private volatile long currentBytes;
  private boolean unsynced;

  private EventWal(Path dir, FsyncPolicy policy) {
    this.dir = dir;
    this.policy = policy;
  }

  /** Starts a new segment at {@code nextSeq} and deletes every older one (their events are in a commit). */
  public static EventWal create(Path dir, FsyncPolicy policy, long nextSeq) throws IOException {
    Files.createDirectories(dir);
    EventWal w = new EventWal(dir, policy);
    w.rotate(nextSeq);
    return w;
  }

  /**
   * Hands every event with a sequence above {@code afterSeq} to {@code consumer}, segment by segment. A damaged
   * record (short, bad length or CRC mismatch: a write cut by a crash) truncates its segment at that record, is
   * logged and counted; the segments after it are still read.
   */
  public static ReplayResult replay(Path dir, long afterSeq, WalRecordConsumer consumer) throws IOException {
    long maxSeq = -1;
    long events = 0;
    int corruptions = 0;
    long dropped = 0;
    for (Path seg : segments(dir)) {
      byte[] data = Files.readAllBytes(seg);
      int pos = 0;
      String problem = null;
      if (data.length < HEADER) {
        problem = "segment header cut short (" + data.length + " bytes)";
      } else if (ByteBuffer.wrap(data).getInt(0) != MAGIC) {
        problem = "not an event WAL segment (bad magic)";
      } else {
        pos = HEADER;
      }
      ByteBuffer buf = ByteBuffer.wrap(data);
      while (problem == null && pos < data.length) {
        if (data.length - pos < RECORD_HEADER) {
          problem = "record header cut short";
          break;
        }
        int len = buf.getInt(pos);
        int crc = buf.getInt(pos + 4);
        if (len < 12 || len > data.length - pos - RECORD_HEADER) {
          problem = "record length " + len + " exceeds the " + (data.length - pos - RECORD_HEADER) + " bytes left";
          break;
        }
        CRC32C c = new CRC32C();
        c.update(data, pos + RECORD_HEADER, len);
        if ((int) c.getValue() != crc) {
          problem = "CRC mismatch";
          break;
        }
        int p = pos + RECORD_HEADER;
        long firstSeq = buf.getLong(p);
        int count = buf.getInt(p + 8);
        p += 12;
        int end = pos + RECORD_HEADER + len;
        for (int i = 0; i < count; i++) {
          int elen = buf.getInt(p);
          if (elen < 0 || elen > end - p - 4) {
            // the CRC matched, so this is a writer bug rather than a torn write; stop at this record all the same
            problem = "event " + i + " length " + elen + " overruns its record";
            break;
          }
          long seq = firstSeq + i;
          if (seq > afterSeq) {
            consumer.event(seq, data, p + 4, elen);
            events++;
          }
          maxSeq = Math.max(maxSeq, seq);
          p += 4 + elen;
        }
        if (problem == null) {
          pos = end;
        }
      }
      if (problem != null) {
        corruptions++;
        dropped += data.length - pos;
        LOG.warn("event WAL {}: {} at byte {}; truncating the {} bytes from there (a write cut short by a crash "
            + "was never acknowledged)", seg, problem, pos, data.length - pos);
        try (FileChannel ch = FileChannel.open(seg, StandardOpenOption.WRITE)) {
          ch.truncate(pos);
          ch.force(true);
        }
      }
    }
    return new ReplayResult(maxSeq, events, corruptions, dropped);
  }

  /** Segment files in sequence order. */
  static List<Path> segments(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> p.getFileName().toString().endsWith(SUFFIX)).sorted().toList();
    }
  }

  /**
   * Appends one batch as one record; with {@link FsyncPolicy#EVERY_BATCH} it is on stable storage when this returns.
   */
  public void append(long firstSeq, List<byte[]> events) throws IOException {
    int len = 12;
    for (byte[] e : events) {
      len += 4 + e.length;
    }
    ByteBuffer buf = ByteBuffer.allocate(RECORD_HEADER + len);
    buf.position(RECORD_HEADER);
    buf.putLong(firstSeq).putInt(events.size());
    for (byte[] e : events) {
      buf.putInt(e.length).put(e);
    }
    CRC32C c = new CRC32C();
    c.update(buf.array(), RECORD_HEADER, len);
    buf.putInt(0, len).putInt(4, (int) c.getValue());
    out.write(buf.array(), 0, RECORD_HEADER + len);
    currentBytes += RECORD_HEADER + len;
    if (policy == FsyncPolicy.EVERY_BATCH) {
      out.getFD().sync();
    } else {
      unsynced = true;
    }
  }

  /** Forces written records to stable storage (the timer of {@link FsyncPolicy#INTERVAL}). */
  public void sync() throws IOException {
    if (unsynced) {
      out.getFD().sync();
      unsynced = false;
    }
  }

  /** Starts a new segment at {@code nextSeq}, then deletes the older segments. */
  public void rotate(long nextSeq) throws IOException {
    List<Path> old = new ArrayList<>(segments(dir));
    Path next = dir.resolve(String.format("%020d%s", nextSeq, SUFFIX));
    if (out != null) {
      out.close();
    }
    out = new FileOutputStream(next.toFile());
    out.write(ByteBuffer.allocate(HEADER).putInt(MAGIC).putInt(VERSION).array());
    out.getFD().sync();
    forceDirectory();
    current = next;
    currentBytes = HEADER;
    unsynced = false;
    for (Path p : old) {
      if (!p.equals(next)) {
        Files.deleteIfExists(p);
      }
    }
  }

  public long sizeBytes() {
    return currentBytes;
  }

  public Path currentSegment() {
    return current;
  }

  public FsyncPolicy policy() {
    return policy;
  }

  private void forceDirectory() {
    try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
      d.force(true);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot fsync the WAL directory " + dir, e);
    }
  }

  @Override
  public void close() throws IOException {
    if (out != null) {
      sync();
      out.close();
      out = null;
    }
  }
}
