package dev.ktel.forward.buffer;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.zip.CRC32C;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A bounded, crash-safe FIFO of batches on disk. See the module README for the format; in short:
 * <ul>
 * <li>{@code <class>/<first-seq>.seg}: append-only segments per priority class; each record is
 * {@code u32 length, u32 crc32c(body), body = u8 format, u64 seq, u32 items, payload}; every append is fsynced
 * before it is visible to the sender, so a sequence number that reached the server is never reused;</li>
 * <li>{@code removed.log}: u64 sequences acknowledged or dropped, appended as they go; fsynced before any segment is
 * deleted (so the highest sequence always survives somewhere);</li>
 * <li>{@code sequence}: the highest sequence ever assigned, rewritten at open;</li>
 * <li>{@code agent-id}: a random id made on first use; with the sequence it forms the idempotency key, and a lost
 * buffer directory gets a fresh id rather than reusing sequences.</li>
 * </ul>
 * A torn record at a segment's end (crash mid-append) fails its CRC and is cut off at open.
 */
public final class DiskBuffer implements Closeable {
    private static final Logger LOG = LoggerFactory.getLogger(DiskBuffer.class);
    static final int HEADER = 8;
    static final int BODY_PREFIX = 1 + 8 + 4;

    private final Path dir;
    private final long maxBytes;
    private final long segmentBytes;
    private final String agentId;
    private final DropListener drops;
    private final Map<PriorityClass, TreeMap<Long, Rec>> queues = new EnumMap<>(PriorityClass.class);
    private final Map<PriorityClass, Segment> current = new EnumMap<>(PriorityClass.class);
    private final Map<Path, int[]> liveBySegment = new HashMap<>();
    private final FileChannel removedLog;
    private long lastSeq;
    private long bytes;
    private long inFlight = -1;
    private boolean closed;

    /** Told about every batch the buffer drops to stay under its cap. */
    @FunctionalInterface
    public interface DropListener {
        void dropped(PriorityClass priority, int items);
    }

    private record Rec(long seq, PriorityClass priority, Path segment, long offset, int length, int items) {
    }

    private static final class Segment {
        final Path path;
        final FileChannel channel;
        long size;

        Segment(Path path, FileChannel channel, long size) {
            this.path = path;
            this.channel = channel;
            this.size = size;
        }
    }

    public DiskBuffer(Path dir, long maxBytes, DropListener drops) throws IOException {
        this.dir = dir;
        this.maxBytes = maxBytes;
        this.segmentBytes = Math.clamp(maxBytes / 8, 16 << 10, 8 << 20);
        this.drops = drops;
        Files.createDirectories(dir);
        this.agentId = loadAgentId();
        for (PriorityClass c : PriorityClass.values()) {
            queues.put(c, new TreeMap<>());
            Files.createDirectories(classDir(c));
        }
        Set<Long> removed = readRemoved();
        lastSeq = Math.max(readSequence(), removed.stream().mapToLong(Long::longValue).max().orElse(0));
        List<Path> dead = new ArrayList<>();
        for (PriorityClass c : PriorityClass.values()) {
            for (Path seg : segments(c)) {
                if (scan(c, seg, removed) == 0) {
                    dead.add(seg);
                }
            }
        }
        // order matters for crash safety: highest sequence first, then dead segments, then the shrunk removed.log
        writeSequence();
        for (Path p : dead) {
            liveBySegment.remove(p);
            Files.deleteIfExists(p);
        }
        Set<Long> stillNeeded = new HashSet<>();
        for (Long s : removed) {
            if (s > 0 && isInSomeSegment(s)) {
                stillNeeded.add(s);
            }
        }
        Path tmp = dir.resolve("removed.log.tmp");
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer b = ByteBuffer.allocate(8 * stillNeeded.size());
            stillNeeded.forEach(b::putLong);
            ch.write(b.flip());
            ch.force(true);
        }
        move(tmp, dir.resolve("removed.log"));
        scannedSeqs.clear();
        removedLog = FileChannel.open(dir.resolve("removed.log"), StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        syncDir(dir);
        LOG.atInfo().addKeyValue("dir", dir).addKeyValue("batches", size()).addKeyValue("bytes", bytes)
                .addKeyValue("lastSeq", lastSeq).log("forward buffer opened");
    }

    private final Set<Long> scannedSeqs = new HashSet<>();

    private boolean isInSomeSegment(long seq) {
        return scannedSeqs.contains(seq);
    }

    /** Reads a segment, indexes its live records, truncates a torn tail; returns the number of live records. */
    private int scan(PriorityClass c, Path seg, Set<Long> removed) throws IOException {
        int live = 0;
        try (FileChannel ch = FileChannel.open(seg, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long size = ch.size();
            long pos = 0;
            ByteBuffer head = ByteBuffer.allocate(HEADER + BODY_PREFIX);
            while (pos + HEADER + BODY_PREFIX <= size) {
                head.clear();
                ch.read(head, pos);
                head.flip();
                int len = head.getInt();
                int crc = head.getInt();
                if (len < BODY_PREFIX || pos + HEADER + len > size) {
                    break;
                }
                ByteBuffer body = ByteBuffer.allocate(len);
                ch.read(body, pos + HEADER);
                CRC32C c32 = new CRC32C();
                c32.update(body.array(), 0, len);
                if ((int) c32.getValue() != crc) {
                    break;
                }
                body.position(1);
                long seq = body.getLong();
                int items = body.getInt();
                lastSeq = Math.max(lastSeq, seq);
                scannedSeqs.add(seq);
                if (!removed.contains(seq)) {
                    queues.get(c).put(seq, new Rec(seq, c, seg, pos, HEADER + len, items));
                    bytes += HEADER + len;
                    live++;
                }
                pos += HEADER + len;
            }
            if (pos < size) {
                LOG.atWarn().addKeyValue("segment", seg).addKeyValue("at", pos).addKeyValue("size", size)
                        .log("torn or corrupt record at the end of a buffer segment; cut off");
                ch.truncate(pos);
                ch.force(true);
            }
        }
        if (live > 0) {
            liveBySegment.put(seg, new int[] {live});
        }
        return live;
    }

    public String agentId() {
        return agentId;
    }

    /**
     * Adds a batch, making room first by dropping less important (or, within the class, older) batches. Returns the
     * sequence, or -1 when the batch itself was dropped (everything left is more important, or it exceeds the cap).
     * The record is fsynced before this returns.
     */
    public synchronized long append(PriorityClass priority, byte format, int items, byte[] payload) {
        ensureOpen();
        int length = HEADER + BODY_PREFIX + payload.length;
        if (length > maxBytes) {
            drops.dropped(priority, items);
            return -1;
        }
        while (bytes + length > maxBytes) {
            Rec victim = victim();
            if (victim == null || victim.priority().moreImportantThan(priority)) {
                drops.dropped(priority, items);
                return -1;
            }
            remove(victim);
            drops.dropped(victim.priority(), victim.items());
        }
        long seq = ++lastSeq;
        ByteBuffer rec = ByteBuffer.allocate(length);
        rec.putInt(length - HEADER).putInt(0).put(format).putLong(seq).putInt(items).put(payload);
        CRC32C crc = new CRC32C();
        crc.update(rec.array(), HEADER, length - HEADER);
        rec.putInt(4, (int) crc.getValue());
        rec.flip();
        try {
            Segment seg = segmentFor(priority);
            long offset = seg.size;
            while (rec.hasRemaining()) {
                seg.channel.write(rec, offset + rec.position());
            }
            seg.channel.force(false);
            seg.size += length;
            liveBySegment.computeIfAbsent(seg.path, p -> new int[1])[0]++;
            queues.get(priority).put(seq, new Rec(seq, priority, seg.path, offset, length, items));
        } catch (IOException e) {
            lastSeq--;
            throw new UncheckedIOException(dir + ": cannot append to the forward buffer", e);
        }
        bytes += length;
        notifyAll();
        return seq;
    }

    /** The oldest batch of the least important class that is not being sent. */
    private Rec victim() {
        PriorityClass[] all = PriorityClass.values();
        for (int i = all.length - 1; i >= 0; i--) {
            for (Rec r : queues.get(all[i]).values()) {
                if (r.seq() != inFlight) {
                    return r;
                }
            }
        }
        return null;
    }

    private Segment segmentFor(PriorityClass c) throws IOException {
        Segment s = current.get(c);
        if (s != null && s.size < segmentBytes) {
            return s;
        }
        if (s != null) {
            s.channel.close();
            int[] live = liveBySegment.get(s.path);
            current.remove(c);
            if (live == null || live[0] == 0) {
                deleteSegment(s.path);
            }
        }
        Path p = classDir(c).resolve(String.format("%020d.seg", lastSeq));
        FileChannel ch = FileChannel.open(p, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.READ);
        syncDir(p.getParent());
        s = new Segment(p, ch, ch.size());
        current.put(c, s);
        return s;
    }

    /**
     * The oldest batch of all classes (replay is oldest first), marked as in flight so that making room never drops
     * it; waits up to {@code timeoutMillis} for one. Null when none arrived.
     */
    public synchronized BufferedBatch next(long timeoutMillis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        Rec oldest;
        while ((oldest = oldest()) == null || closed) {
            long wait = deadline - System.currentTimeMillis();
            if (wait <= 0 || closed) {
                return null;
            }
            wait(wait);
        }
        inFlight = oldest.seq();
        return read(oldest);
    }

    private Rec oldest() {
        Rec best = null;
        for (TreeMap<Long, Rec> q : queues.values()) {
            if (!q.isEmpty()) {
                Rec r = q.firstEntry().getValue();
                if (best == null || r.seq() < best.seq()) {
                    best = r;
                }
            }
        }
        return best;
    }

    private BufferedBatch read(Rec r) {
        ByteBuffer b = ByteBuffer.allocate(r.length() - HEADER);
        try (FileChannel ch = FileChannel.open(r.segment(), StandardOpenOption.READ)) {
            while (b.hasRemaining()) {
                if (ch.read(b, r.offset() + HEADER + b.position()) < 0) {
                    throw new IOException("segment shorter than its index says");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(r.segment() + ": cannot read buffered batch " + r.seq(), e);
        }
        b.flip();
        byte format = b.get();
        b.getLong();
        b.getInt();
        byte[] payload = new byte[b.remaining()];
        b.get(payload);
        return new BufferedBatch(r.seq(), r.priority(), format, r.items(), payload);
    }

    /** Wakes a waiting {@link #next} (the caller is shutting down). */
    public synchronized void wakeAll() {
        notifyAll();
    }

    /** Removes an acknowledged (or permanently refused) batch. */
    public synchronized void remove(long seq) {
        if (closed) {
            return; // stays on disk; the server drops the resend as a duplicate
        }
        if (inFlight == seq) {
            inFlight = -1;
        }
        for (TreeMap<Long, Rec> q : queues.values()) {
            Rec r = q.get(seq);
            if (r != null) {
                remove(r);
                return;
            }
        }
    }

    /** The sender gave up on the in-flight batch for now (it stays, and is sent again first). */
    public synchronized void release(long seq) {
        if (inFlight == seq) {
            inFlight = -1;
        }
    }

    private void remove(Rec r) {
        queues.get(r.priority()).remove(r.seq());
        bytes -= r.length();
        try {
            removedLog.write(ByteBuffer.allocate(8).putLong(0, r.seq()));
            int[] live = liveBySegment.get(r.segment());
            if (live != null && --live[0] == 0) {
                Segment cur = current.get(r.priority());
                if (cur == null || !cur.path.equals(r.segment())) {
                    deleteSegment(r.segment());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(dir + ": cannot update the forward buffer", e);
        }
    }

    private void deleteSegment(Path p) throws IOException {
        removedLog.force(false); // the segment may hold the highest sequence: keep it recorded before deleting
        liveBySegment.remove(p);
        Files.deleteIfExists(p);
    }

    public synchronized long bytes() {
        return bytes;
    }

    public long maxBytes() {
        return maxBytes;
    }

    public synchronized int size() {
        int n = 0;
        for (TreeMap<Long, Rec> q : queues.values()) {
            n += q.size();
        }
        return n;
    }

    /** Items (samples + events) held per class. */
    public synchronized Map<PriorityClass, Long> itemsByClass() {
        Map<PriorityClass, Long> m = new EnumMap<>(PriorityClass.class);
        queues.forEach((c, q) -> m.put(c, q.values().stream().mapToLong(Rec::items).sum()));
        return m;
    }

    public synchronized long lastSequence() {
        return lastSeq;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        notifyAll();
        try {
            removedLog.force(false);
            removedLog.close();
            for (Segment s : current.values()) {
                s.channel.close();
            }
        } catch (IOException e) {
            LOG.warn("closing the forward buffer: {}", e.toString());
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("forward buffer is closed");
        }
    }

    private Path classDir(PriorityClass c) {
        return dir.resolve(c.name().toLowerCase(java.util.Locale.ROOT));
    }

    private List<Path> segments(PriorityClass c) throws IOException {
        List<Path> out = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(classDir(c), "*.seg")) {
            ds.forEach(out::add);
        }
        out.sort(null);
        return out;
    }

    private String loadAgentId() throws IOException {
        Path p = dir.resolve("agent-id");
        if (Files.exists(p)) {
            String id = Files.readString(p, StandardCharsets.UTF_8).strip();
            if (!id.isEmpty()) {
                return id;
            }
        }
        String id = UUID.randomUUID().toString();
        Path tmp = dir.resolve("agent-id.tmp");
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ch.write(ByteBuffer.wrap((id + "\n").getBytes(StandardCharsets.UTF_8)));
            ch.force(true);
        }
        move(tmp, p);
        syncDir(dir);
        return id;
    }

    private Set<Long> readRemoved() throws IOException {
        Set<Long> s = new HashSet<>();
        Path p = dir.resolve("removed.log");
        if (Files.exists(p)) {
            ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(p));
            while (b.remaining() >= 8) {
                s.add(b.getLong());
            }
        }
        return s;
    }

    private long readSequence() throws IOException {
        Path p = dir.resolve("sequence");
        if (!Files.exists(p)) {
            return 0;
        }
        String s = Files.readString(p, StandardCharsets.UTF_8).strip();
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw new IOException(p + ": not a sequence number: \"" + s + "\"");
        }
    }

    private void writeSequence() throws IOException {
        Path tmp = dir.resolve("sequence.tmp");
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ch.write(ByteBuffer.wrap((lastSeq + "\n").getBytes(StandardCharsets.UTF_8)));
            ch.force(true);
        }
        move(tmp, dir.resolve("sequence"));
        syncDir(dir);
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void syncDir(Path d) {
        try (FileChannel ch = FileChannel.open(d, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException e) {
            // some filesystems cannot fsync a directory; the data files themselves are fsynced
        }
    }
}
