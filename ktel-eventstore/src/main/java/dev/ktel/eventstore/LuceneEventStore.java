package dev.ktel.eventstore;

import dev.ktel.core.event.Event;
import dev.ktel.eventstore.codec.EventCodec;
import dev.ktel.eventstore.index.EventFields;
import dev.ktel.eventstore.index.EventQueries;
import dev.ktel.eventstore.wal.EventWal;
import dev.ktel.eventstore.wal.FsyncPolicy;
import dev.ktel.eventstore.wal.ReplayResult;
import dev.ktel.store.api.event.AppendResult;
import dev.ktel.store.api.event.EventChecks;
import dev.ktel.store.api.event.EventOrder;
import dev.ktel.store.api.event.EventQuery;
import dev.ktel.store.api.event.EventRetention;
import dev.ktel.store.api.event.EventStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.TieredMergePolicy;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TopFieldDocs;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.BytesRef;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The durable event store: a Lucene index for queries, fronted by a CRC-checked WAL for durability.
 *
 * <p>An append writes its batch to the WAL (fsync'ed per batch by default, see {@link FsyncPolicy}), then adds the
 * documents to the index writer, and returns: the events are acknowledged and visible to the next query (the
 * near-real-time reader is refreshed lazily, by the first query after a change). Lucene commits are expensive, so
 * they happen on a timer, when the WAL grows past a limit, and at close; each commit records the last store
 * sequence it holds and starts a new WAL segment, deleting the old ones. Opening replays the WAL records after the
 * committed sequence. Every document's id is the hash of its content and every add is an update on that id, so
 * replaying an event already in the index, or appending an event twice, leaves exactly one copy.
 *
 * <p>Thread-safe: appends, commits and retention are serialised; queries run concurrently on a searcher.
 */
public final class LuceneEventStore implements EventStore {
  private static final Logger LOG = LoggerFactory.getLogger(LuceneEventStore.class);
  static final String COMMITTED_SEQ = "ktel.committed_seq";
  private static final int MAX_RETENTION_ROUNDS = 32;

  private final Path dir;
  private final EventRetention retention;
  private final long maxWalBytes;
  private final Directory directory;
  private final IndexWriter writer;
  private final SearcherManager searchers;
  private final EventWal wal;
  private final ScheduledExecutorService maintenance;
  private final AtomicBoolean stale = new AtomicBoolean();
  private final WriterThread writerThread = new WriterThread("ktel-eventstore-writer");
  private final ReplayResult replay;
  private long nextSeq;
  private long lastCommittedSeq;
  private long appended;
  private long batches;
  private long rejected;
  private long commits;
  private long retained;
  private volatile boolean closed;

  private LuceneEventStore(Builder b) throws IOException {
    this.dir = b.dir;
    this.retention = b.retention;
    this.maxWalBytes = b.maxWalBytes;
    Files.createDirectories(dir);
    directory = FSDirectory.open(dir.resolve("index"));
    TieredMergePolicy merges = new TieredMergePolicy();
    // retention needs deleted documents gone from disk, not merely marked, to honour the size cap
    merges.setForceMergeDeletesPctAllowed(0.0);
    IndexWriterConfig config = new IndexWriterConfig(new StandardAnalyzer())
        .setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND).setMergePolicy(merges)
        .setRAMBufferSizeMB(b.ramBufferMb).setCommitOnClose(false);
    writer = new IndexWriter(directory, config);
    try {
      long committed = committedSeq(writer);
      replay = writerThread.call(() -> EventWal.replay(dir.resolve("wal"), committed, this::replayEvent));
      nextSeq = Math.max(committed, replay.maxSeq()) + 1;
      if (replay.events() > 0 || replay.corruptions() > 0) {
        LOG.info("event store {}: replayed {} events from the WAL after committed sequence {} ({} damaged records "
            + "truncated)", dir, replay.events(), committed, replay.corruptions());
      }
      writerThread.run(() -> {
        commitIndex();
        return null;
      });
      wal = EventWal.create(dir.resolve("wal"), b.fsync, nextSeq);
      searchers = new SearcherManager(writer, null);
    } catch (IOException | RuntimeException e) {
      writer.rollback();
      directory.close();
      writerThread.close();
      throw e;
    }
    if (b.background) {
      maintenance = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "ktel-eventstore-maintenance");
        t.setDaemon(true);
        return t;
      });
      schedule(this::commitIfChanged, b.commitInterval);
      if (b.fsync == FsyncPolicy.INTERVAL) {
        schedule(this::syncWal, b.fsyncInterval);
      }
      if (retention.maxAgeNanos() > 0 || retention.maxBytes() > 0) {
        schedule(() -> applyRetention(System.currentTimeMillis() * 1_000_000L), b.retentionInterval);
      }
    } else {
      maintenance = null;
    }
  }

  public static Builder builder(Path dir) {
    return new Builder(dir);
  }

  private static long committedSeq(IndexWriter w) {
    Iterable<Map.Entry<String, String>> data = w.getLiveCommitData();
    if (data != null) {
      for (Map.Entry<String, String> e : data) {
        if (e.getKey().equals(COMMITTED_SEQ)) {
          return Long.parseLong(e.getValue());
        }
      }
    }
    return -1;
  }

  private void replayEvent(long seq, byte[] data, int off, int len) {
    byte[] encoded = java.util.Arrays.copyOfRange(data, off, off + len);
    Event e = EventCodec.decode(encoded, 0, len);
    index(e, seq, encoded);
  }

  private void index(Event e, long seq, byte[] encoded) {
    byte[] id = EventCodec.contentId(encoded);
    try {
      writer.updateDocument(new Term(EventFields.ID, new BytesRef(id)), EventFields.document(e, seq, encoded, id));
    } catch (IOException ex) {
      throw new UncheckedIOException("cannot index event " + seq + " in " + dir, ex);
    }
  }

  @Override
  public synchronized AppendResult append(List<Event> batch) {
    ensureOpen();
    List<String> rejections = new ArrayList<>();
    List<Event> ok = EventChecks.valid(batch, rejections);
    rejected += rejections.size();
    batches++;
    if (!rejections.isEmpty()) {
      LOG.warn("event store {}: rejected {} of {} events: {}", dir, rejections.size(), batch.size(),
          rejections.size() > 5 ? rejections.subList(0, 5) + " ..." : rejections);
    }
    if (ok.isEmpty()) {
      return new AppendResult(0, rejections);
    }
    List<byte[]> encoded = new ArrayList<>(ok.size());
    for (Event e : ok) {
      encoded.add(EventCodec.encode(e));
    }
    long first = nextSeq;
    try {
      wal.append(first, encoded);
    } catch (IOException ex) {
      throw new UncheckedIOException("cannot write the event WAL in " + dir, ex);
    }
    nextSeq += ok.size();
    try {
      writerThread.run(() -> {
        for (int i = 0; i < ok.size(); i++) {
          index(ok.get(i), first + i, encoded.get(i));
        }
        return null;
      });
    } catch (IOException ex) {
      throw new UncheckedIOException("cannot index events in " + dir, ex);
    }
    appended += ok.size();
    stale.set(true);
    if (wal.sizeBytes() > maxWalBytes) {
      commit();
    }
    return new AppendResult(ok.size(), rejections);
  }

  @Override
  public List<Event> query(EventQuery q) {
    IndexSearcher s = acquire();
    try {
      // Lucene sizes its queue by the hit count asked for: never more than there are documents
      int hits = Math.max(1, Math.min(q.limit(), s.getIndexReader().maxDoc()));
      TopFieldDocs top = s.search(EventQueries.toLucene(q), hits, EventQueries.sort(q.order()));
      List<Event> out = new ArrayList<>(top.scoreDocs.length);
      StoredFields stored = s.storedFields();
      for (ScoreDoc d : top.scoreDocs) {
        BytesRef src = stored.document(d.doc).getBinaryValue(EventFields.SOURCE);
        out.add(EventCodec.decode(src.bytes, src.offset, src.length));
      }
      return out;
    } catch (IOException ex) {
      throw new UncheckedIOException("cannot search the event index in " + dir, ex);
    } finally {
      release(s);
    }
  }

  @Override
  public long count(EventQuery q) {
    return count(EventQueries.toLucene(q));
  }

  @Override
  public long count() {
    IndexSearcher s = acquire();
    try {
      return s.getIndexReader().numDocs();
    } finally {
      release(s);
    }
  }

  private long count(Query q) {
    IndexSearcher s = acquire();
    try {
      return s.count(q);
    } catch (IOException ex) {
      throw new UncheckedIOException("cannot search the event index in " + dir, ex);
    } finally {
      release(s);
    }
  }

  /** A searcher that sees every completed append: refreshed here, lazily, if anything changed since the last one. */
  private IndexSearcher acquire() {
    ensureOpen();
    try {
      if (stale.getAndSet(false)) {
        // a refresh may flush segments, which is writer work
        writerThread.run(() -> {
          searchers.maybeRefreshBlocking();
          return null;
        });
      }
      return searchers.acquire();
    } catch (IOException ex) {
      throw new UncheckedIOException("cannot refresh the event index reader in " + dir, ex);
    }
  }

  private void release(IndexSearcher s) {
    try {
      searchers.release(s);
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
  }

  /**
   * Commits the index and starts a new WAL segment (deleting the old ones, whose events the commit now holds). Done
   * on a timer, when the WAL passes its size limit, and at close; tests call it to exercise the committed path.
   */
  public synchronized void commit() {
    ensureOpen();
    try {
      writerThread.run(() -> {
        commitAndRotate();
        return null;
      });
    } catch (IOException ex) {
      throw new UncheckedIOException("cannot commit the event index in " + dir, ex);
    }
  }

  /** On the writer thread: the commit, then a new WAL segment (the old ones' events are now in the commit). */
  private void commitAndRotate() throws IOException {
    commitIndex();
    wal.rotate(nextSeq);
  }

  private void commitIndex() throws IOException {
    writer.setLiveCommitData(Map.of(COMMITTED_SEQ, Long.toString(nextSeq - 1)).entrySet());
    writer.commit();
    lastCommittedSeq = nextSeq - 1;
    commits++;
  }

  private synchronized void commitIfChanged() {
    if (!closed && nextSeq - 1 != lastCommittedSeq) {
      commit();
    }
  }

  private synchronized void syncWal() {
    if (!closed) {
      try {
        wal.sync();
      } catch (IOException ex) {
        throw new UncheckedIOException("cannot fsync the event WAL in " + dir, ex);
      }
    }
  }

  @Override
  public synchronized long applyRetention(long nowNanos) {
    ensureOpen();
    try {
      long dropped = writerThread.call(() -> retain(nowNanos));
      retained += dropped;
      return dropped;
    } catch (IOException ex) {
      throw new UncheckedIOException("cannot apply retention to the event index in " + dir, ex);
    }
  }

  /** On the writer thread, while the caller holds the store's lock. */
  private long retain(long nowNanos) throws IOException {
    long dropped = 0;
    long cutoff = retention.cutoffNanos(nowNanos);
    if (cutoff != Long.MIN_VALUE) {
      dropped += delete(LongPoint.newRangeQuery(EventFields.TIME, Long.MIN_VALUE, cutoff - 1));
    }
    if (retention.maxBytes() > 0) {
      dropped += dropOldestUntilUnderCap();
    } else if (dropped > 0) {
      // deletions are only marks until merged away; rewriting segments on every run would cost more than the
      // space, so merge them away once they are a tenth of the index and let natural merges do the rest
      IndexWriter.DocStats docs = writer.getDocStats();
      if (docs.maxDoc - docs.numDocs > docs.maxDoc / 10) {
        writer.forceMergeDeletes(true);
      }
      commitAndRotate();
    }
    return dropped;
  }

  private long delete(Query q) throws IOException {
    long n = count(q);
    if (n > 0) {
      writer.deleteDocuments(q);
      stale.set(true);
    }
    return n;
  }

  /**
   * Size retention: estimate how many of the oldest events hold the excess (index bytes per live event), delete
   * them, merge the deletions away and commit, then measure again; repeat while still over the cap.
   */
  private long dropOldestUntilUnderCap() throws IOException {
    long dropped = 0;
    for (int round = 0; round < MAX_RETENTION_ROUNDS; round++) {
      reclaim();
      long size = sizeBytes();
      long live = count();
      LOG.debug("event store {}: size retention round {}: {} bytes ({} in the index) for {} events, cap {}", dir,
          round, size, indexBytes(), live, retention.maxBytes());
      if (size <= retention.maxBytes() || live == 0) {
        break;
      }
      double perEvent = (double) indexBytes() / live;
      int n = (int) Math.min(live, Math.max(1, Math.ceil((size - retention.maxBytes()) / perEvent)));
      IndexSearcher s = acquire();
      try {
        TopFieldDocs oldest = s.search(new org.apache.lucene.search.MatchAllDocsQuery(), n,
            EventQueries.sort(EventOrder.OLDEST_FIRST));
        org.apache.lucene.search.FieldDoc last = (org.apache.lucene.search.FieldDoc) oldest.scoreDocs[
            oldest.scoreDocs.length - 1];
        long t = (Long) last.fields[0];
        long seq = (Long) last.fields[1];
        // everything before (t, seq) in (time, arrival) order, and it
        Query older = LongPoint.newRangeQuery(EventFields.TIME, Long.MIN_VALUE, t - 1);
        Query sameTime = new BooleanQuery.Builder()
            .add(LongPoint.newExactQuery(EventFields.TIME, t), Occur.FILTER)
            .add(LongPoint.newRangeQuery(EventFields.SEQ, Long.MIN_VALUE, seq), Occur.FILTER).build();
        dropped += delete(new BooleanQuery.Builder().add(older, Occur.SHOULD).add(sameTime, Occur.SHOULD)
            .setMinimumNumberShouldMatch(1).build());
      } finally {
        release(s);
      }
    }
    return dropped;
  }

  /** Merges deleted documents away, commits, and lets go of readers on the old segments so their files go. */
  private void reclaim() throws IOException {
    writer.forceMergeDeletes(true);
    commitAndRotate();
    stale.set(true);
    searchers.maybeRefreshBlocking();
    stale.set(false);
  }

  @Override
  public long sizeBytes() {
    return indexBytes() + walBytes();
  }

  /**
   * Bytes of the files the last commit references. Files of a merge in progress and files awaiting deletion are not
   * counted, so retention measures a settled index; what was appended since the commit is in the WAL bytes.
   */
  long indexBytes() {
    for (int attempt = 0; ; attempt++) {
      try {
        long n = 0;
        for (String f : SegmentInfos.readLatestCommit(directory).files(true)) {
          n += directory.fileLength(f);
        }
        return n;
      } catch (NoSuchFileException | java.io.FileNotFoundException raced) {
        if (attempt == 3) {
          throw new UncheckedIOException("the event index in " + dir + " keeps changing under a size check", raced);
        }
        // a commit replaced the one being measured: measure the new one
      } catch (IOException ex) {
        throw new UncheckedIOException("cannot read the event index commit in " + dir, ex);
      }
    }
  }

  /** Unlocked: the writer thread measures while a caller holds the lock; a slightly stale value is fine. */
  long walBytes() {
    return closed ? 0 : wal.sizeBytes();
  }

  @Override
  public synchronized long rejected() {
    return rejected;
  }

  @Override
  public EventRetention retention() {
    return retention;
  }

  public synchronized EventStoreStats stats() {
    return new EventStoreStats(count(), indexBytes(), walBytes(), appended, batches, rejected, commits,
        replay.events(), replay.corruptions(), retained);
  }

  public Path directory() {
    return dir;
  }

  private void ensureOpen() {
    if (closed) {
      throw new IllegalStateException("event store " + dir + " is closed");
    }
  }

  private void schedule(Runnable task, Duration every) {
    long ms = Math.max(1, every.toMillis());
    maintenance.scheduleWithFixedDelay(() -> {
      try {
        task.run();
      } catch (RuntimeException e) {
        LOG.warn("event store {}: background maintenance failed; will retry", dir, e);
      }
    }, ms, ms, TimeUnit.MILLISECONDS);
  }

  /** Commits everything (so the next open replays nothing) and releases the files. */
  @Override
  public void close() {
    if (maintenance != null) {
      // no interrupt: an interrupted Lucene write closes its file channel and fails the writer
      maintenance.shutdown();
      try {
        maintenance.awaitTermination(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    synchronized (this) {
      if (closed) {
        return;
      }
      try {
        writerThread.run(() -> {
          commitIndex();
          wal.rotate(nextSeq);
          wal.close();
          searchers.close();
          writer.close();
          directory.close();
          return null;
        });
      } catch (IOException ex) {
        throw new UncheckedIOException("cannot close the event store in " + dir, ex);
      } finally {
        closed = true;
        writerThread.close();
      }
    }
  }

  /** Options of a {@link LuceneEventStore}. */
  public static final class Builder {
    private final Path dir;
    private EventRetention retention = EventRetention.NONE;
    private FsyncPolicy fsync = FsyncPolicy.EVERY_BATCH;
    private Duration fsyncInterval = Duration.ofSeconds(1);
    private Duration commitInterval = Duration.ofSeconds(30);
    private Duration retentionInterval = Duration.ofMinutes(1);
    private long maxWalBytes = 64L << 20;
    private double ramBufferMb = 16;
    private boolean background = true;

    private Builder(Path dir) {
      this.dir = dir;
    }

    public Builder retention(EventRetention r) {
      this.retention = r;
      return this;
    }

    /** {@link FsyncPolicy#EVERY_BATCH} (default) or {@link FsyncPolicy#INTERVAL} with its period. */
    public Builder fsync(FsyncPolicy policy, Duration interval) {
      this.fsync = policy;
      this.fsyncInterval = interval;
      return this;
    }

    /** How often the index is committed (and the WAL truncated) if anything changed; default 30 s. */
    public Builder commitInterval(Duration d) {
      this.commitInterval = d;
      return this;
    }

    public Builder retentionInterval(Duration d) {
      this.retentionInterval = d;
      return this;
    }

    /** The WAL size that forces a commit; default 64 MiB. */
    public Builder maxWalBytes(long bytes) {
      this.maxWalBytes = bytes;
      return this;
    }

    public Builder ramBufferMb(double mb) {
      this.ramBufferMb = mb;
      return this;
    }

    /** Whether a thread commits, syncs and applies retention on timers; off in tests that drive it by hand. */
    public Builder background(boolean on) {
      this.background = on;
      return this;
    }

    public LuceneEventStore open() throws IOException {
      return new LuceneEventStore(this);
    }
  }
}
