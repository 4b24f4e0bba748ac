package dev.ktel.store;

import dev.ktel.store.api.Appender;
import dev.ktel.store.api.ArraySeries;
import dev.ktel.store.api.CheckResult;
import dev.ktel.store.api.Labels;
import dev.ktel.store.api.Matcher;
import dev.ktel.store.api.SampleRejectedException;
import dev.ktel.store.api.Series;
import dev.ktel.store.api.SeriesStore;
import dev.ktel.store.block.Block;
import dev.ktel.store.block.BlockWriter;
import dev.ktel.store.chunk.EncodedChunk;
import dev.ktel.store.api.SampleIterator;
import dev.ktel.store.chunk.ChunkFormatException;
import dev.ktel.store.chunk.Chunks;
import dev.ktel.store.downsample.Aggregate;
import dev.ktel.store.downsample.Resolution;
import dev.ktel.store.downsample.Tier;
import dev.ktel.store.downsample.TierChoice;
import dev.ktel.store.downsample.TierStitch;
import dev.ktel.store.api.SelectHints;
import dev.ktel.store.encoding.Encbuf;
import dev.ktel.store.head.Head;
import dev.ktel.store.head.MemSeries;
import dev.ktel.store.head.SampleBuf;
import dev.ktel.store.head.WalRecords;
import dev.ktel.store.index.IndexReader;
import dev.ktel.store.index.Postings;
import dev.ktel.store.wal.Wal;
import dev.ktel.store.wal.WalOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded TSDB: a WAL-backed in-memory head of Gorilla chunks, cut into immutable 2 h blocks with a postings
 * index, retention by dropping whole blocks. Data directory:
 *
 * <pre>
 *   &lt;dir&gt;/lock                 held while open (a second process fails fast)
 *   &lt;dir&gt;/wal/00000001 ...     WAL segments, checkpoint.N, quarantine/
 *   &lt;dir&gt;/&lt;ULID&gt;/               one block: chunks, index, meta.json
 * </pre>
 *
 * Formats: {@code docs/format/*.md}. Concurrency: one read-write lock; commits (including the WAL write and fsync and,
 * when due, the head cut) hold the write lock, selects the read lock and return copied samples.
 */
public final class TsdbSeriesStore extends SeriesStore {
  private static final Logger LOG = LoggerFactory.getLogger(TsdbSeriesStore.class);
  /** Prometheus' default block range: 2 hours. */
  public static final long DEFAULT_BLOCK_RANGE = 2 * 3_600_000L;

  private final Path dir;
  private final long blockRange;
  private final long retention;
  private final long retentionBytes;
  private final boolean autoCompact;
  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
  private final Head head;
  private final List<Block> blocks = new ArrayList<>();
  private final Encbuf seriesBuf = new Encbuf(1 << 12);
  private final Encbuf samplesBuf = new Encbuf(1 << 16);
  private FileChannel lockChannel;
  private FileLock fileLock;
  private Wal wal;
  private volatile Throwable failure;
  private boolean closed;
  private long rejected;
  private long samplesAppended;
  private long compactions;
  private long corruptions;
  private final EnumMap<Resolution, long[]> tierOptions;
  private final EnumMap<Resolution, Tier> tiers = new EnumMap<>(Resolution.class);
  /** Per tier: raw time before which downsampling is done (also across empty gaps, which leave no tier block). */
  private final EnumMap<Resolution, Long> downsampledUntil = new EnumMap<>(Resolution.class);

  /** Tier directories live here, inside the raw data directory, and are skipped when raw blocks are loaded. */
  public static final String DOWNSAMPLE_DIR = "downsample";

  private TsdbSeriesStore(Builder b) {
    this.tierOptions = new EnumMap<>(b.tiers);
    this.dir = b.dir;
    this.blockRange = b.blockRange;
    this.retention = b.retention;
    this.retentionBytes = b.retentionBytes;
    this.autoCompact = b.autoCompact;
    this.head = new Head(b.outOfOrderWindow);
  }

  public static Builder builder(Path dir) {
    return new Builder(dir);
  }

  /** Options with their defaults; {@link #open()} does the I/O. */
  public static final class Builder {
    private final Path dir;
    private long blockRange = DEFAULT_BLOCK_RANGE;
    private long outOfOrderWindow;
    private long retention;
    private long retentionBytes;
    private boolean autoCompact = true;
    private WalOptions walOptions = WalOptions.DEFAULT;
    private final EnumMap<Resolution, long[]> tiers = new EnumMap<>(Resolution.class);

    private Builder(Path dir) {
      this.dir = dir;
    }

    /** Time span of a block (default 2 h); the head is cut when it spans 1.5 times this. */
    public Builder blockRangeMillis(long ms) {
      this.blockRange = ms;
      return this;
    }

    /** Out-of-order window (default 0: older samples are rejected). */
    public Builder outOfOrderWindowMillis(long ms) {
      this.outOfOrderWindow = ms;
      return this;
    }

    /** Retention by age (default 0: keep forever); applied by {@link SeriesStore#applyRetention}. */
    public Builder retentionMillis(long ms) {
      this.retention = ms;
      return this;
    }

    /** Retention by size (default 0: none): the oldest blocks go while all blocks together are larger. */
    public Builder retentionBytes(long bytes) {
      this.retentionBytes = bytes;
      return this;
    }

    /** Cut the head into blocks during commits when it spans 1.5 block ranges (default true). */
    public Builder autoCompact(boolean on) {
      this.autoCompact = on;
      return this;
    }

    /**
     * Keeps a downsampled tier ({@link Resolution#FIVE_MINUTES} or {@link Resolution#ONE_HOUR}) with its own
     * retention by age and size (0: unlimited). Off by default.
     */
    public Builder tier(Resolution r, long retentionMillis, long retentionBytes) {
      if (r == Resolution.RAW) {
        throw new IllegalArgumentException("raw retention is set with retentionMillis/retentionBytes");
      }
      tiers.put(r, new long[] {retentionMillis, retentionBytes});
      return this;
    }

    public Builder wal(WalOptions options) {
      this.walOptions = options;
      return this;
    }

    /** Opens the data directory: takes the lock, loads blocks, replays the WAL. */
    public TsdbSeriesStore open() throws IOException {
      TsdbSeriesStore s = new TsdbSeriesStore(this);
      s.doOpen(walOptions);
      return s;
    }
  }

  private void doOpen(WalOptions walOptions) throws IOException {
    Files.createDirectories(dir);
    lockChannel = FileChannel.open(dir.resolve("lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    try {
      fileLock = lockChannel.tryLock();
    } catch (java.nio.channels.OverlappingFileLockException e) {
      fileLock = null; // held by this JVM
    }
    if (fileLock == null) {
      lockChannel.close();
      throw new IOException(dir + ": data directory is in use by another process (lock file held)");
    }
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
      for (Path p : ds) {
        String n = p.getFileName().toString();
        if (!Files.isDirectory(p) || n.equals("wal") || n.equals(DOWNSAMPLE_DIR)) {
          continue;
        }
        if (n.endsWith(".tmp")) {
          deleteTree(p); // an interrupted block write; its data is still in the WAL
          continue;
        }
        if (n.endsWith(".corrupt")) {
          continue;
        }
        try {
          blocks.add(Block.open(p));
        } catch (IOException | RuntimeException e) {
          quarantineBlock(p, e);
        }
      }
    }
    dropReplacedParents();
    blocks.sort(Comparator.comparingLong(b -> b.meta().minTime()));
    for (Block b : blocks) {
      head.setMinValidT(b.meta().maxTime());
    }
    WalRecords.ReplayCounts counts = new WalRecords.ReplayCounts();
    Wal.ReplayStats[] stats = new Wal.ReplayStats[1];
    long t0 = System.nanoTime();
    wal = Wal.open(dir.resolve("wal"), walOptions, (type, d) -> WalRecords.replay(head, type, d, counts), stats);
    corruptions += stats[0].corruptions().size();
    for (Map.Entry<Resolution, long[]> e : tierOptions.entrySet()) {
      tiers.put(e.getKey(), Tier.open(dir.resolve(DOWNSAMPLE_DIR).resolve(e.getKey().dirName()), e.getKey(),
          blockRange, e.getValue()[0], e.getValue()[1]));
    }
    LOG.atInfo().addKeyValue("dir", dir).addKeyValue("blocks", blocks.size()).addKeyValue("series", head.size())
        .addKeyValue("samples", counts.samples).addKeyValue("walRecords", stats[0].records())
        .addKeyValue("walCorruptions", stats[0].corruptions().size())
        .addKeyValue("skippedUnknownSeries", counts.unknownSeries)
        .addKeyValue("ms", (System.nanoTime() - t0) / 1_000_000).log("tsdb opened");
  }

  /** A crash between writing a merged block and deleting its parents leaves both; the merged block wins. */
  private void dropReplacedParents() throws IOException {
    HashSet<String> parents = new HashSet<>();
    for (Block b : blocks) {
      for (String id : b.meta().parents().split(",")) {
        if (!id.isEmpty()) {
          parents.add(id);
        }
      }
    }
    for (Block b : new ArrayList<>(blocks)) {
      if (parents.contains(b.meta().ulid())) {
        blocks.remove(b);
        b.close();
        deleteTree(b.dir());
        LOG.atInfo().addKeyValue("block", b.meta().ulid()).log("deleted block already merged into a newer one");
      }
    }
  }

  private void quarantineBlock(Path p, Exception e) {
    corruptions++;
    Path q = p.resolveSibling(p.getFileName() + ".corrupt");
    try {
      Files.move(p, q);
    } catch (IOException io) {
      e.addSuppressed(io);
    }
    LOG.atError().addKeyValue("block", p.getFileName()).addKeyValue("quarantine", q).setCause(e)
        .log("block unreadable ({}); moved aside, its time range is missing from queries", e.getMessage());
  }

  // ---- append

  @Override
  public Appender appender() {
    ensureUsable();
    return new TsdbAppender();
  }

  private final class TsdbAppender implements Appender {
    private final HashMap<Labels, long[]> pendingMax = new HashMap<>();
    private Labels[] ls = new Labels[256];
    private long[] ts = new long[256];
    private double[] vs = new double[256];
    private int n;
    private long batchMax = Long.MIN_VALUE;

    @Override
    public void append(Labels l, long t, double v) {
      if (l.size() == 0) {
        throw new IllegalArgumentException("series without labels @" + t);
      }
      long[] pm = pendingMax.get(l);
      long pmax = pm == null ? Long.MIN_VALUE : pm[0];
      if (pm != null && t <= pmax) {
        for (int i = n - 1; i >= 0; i--) {
          if (ts[i] == t && ls[i].equals(l)) {
            if (Double.doubleToRawLongBits(vs[i]) == Double.doubleToRawLongBits(v)) {
              return;
            }
            throw new SampleRejectedException(SampleRejectedException.Reason.DUPLICATE_TIMESTAMP, l, t,
                "value " + vs[i] + " already in this batch, new value " + v);
          }
        }
      }
      lock.readLock().lock();
      try {
        if (!head.validate(head.get(l), l, t, v, pmax, batchMax)) {
          return;
        }
      } finally {
        lock.readLock().unlock();
      }
      if (pm == null) {
        pendingMax.put(l, new long[] {t});
      } else {
        pm[0] = Math.max(pm[0], t);
      }
      if (n == ls.length) {
        ls = Arrays.copyOf(ls, n * 2);
        ts = Arrays.copyOf(ts, n * 2);
        vs = Arrays.copyOf(vs, n * 2);
      }
      ls[n] = l;
      ts[n] = t;
      vs[n] = v;
      n++;
      batchMax = Math.max(batchMax, t);
    }

    @Override
    public int commit() {
      try {
        return TsdbSeriesStore.this.commit(ls, ts, vs, n);
      } finally {
        rollback();
      }
    }

    @Override
    public void rollback() {
      Arrays.fill(ls, 0, n, null);
      n = 0;
      pendingMax.clear();
      batchMax = Long.MIN_VALUE;
    }
  }

  private int commit(Labels[] ls, long[] ts, double[] vs, int n) {
    if (n == 0) {
      return 0;
    }
    lock.writeLock().lock();
    try {
      ensureUsable();
      List<MemSeries> created = new ArrayList<>();
      MemSeries[] acc = new MemSeries[n];
      long[] at = new long[n];
      double[] av = new double[n];
      int k = 0;
      for (int i = 0; i < n; i++) {
        MemSeries s = head.get(ls[i]);
        try {
          if (!head.validate(s, ls[i], ts[i], vs[i], Long.MIN_VALUE, Long.MIN_VALUE)) {
            continue;
          }
        } catch (SampleRejectedException e) {
          rejected++;
          continue;
        }
        if (s == null) {
          s = head.create(ls[i], 0);
          created.add(s);
        }
        head.add(s, ts[i], vs[i]);
        acc[k] = s;
        at[k] = ts[i];
        av[k] = vs[i];
        k++;
      }
      if (k == 0 && created.isEmpty()) {
        return 0;
      }
      try {
        if (!created.isEmpty()) {
          WalRecords.encodeSeries(created, seriesBuf);
          wal.log(WalRecords.SERIES, seriesBuf);
        }
        WalRecords.encodeSamples(acc, at, av, k, samplesBuf);
        wal.log(WalRecords.SAMPLES, samplesBuf);
        wal.commit();
      } catch (IOException | RuntimeException e) {
        // the head already holds samples the WAL may not: refuse further writes rather than acknowledge them
        failure = e;
        LOG.atError().addKeyValue("dir", dir).setCause(e).log("wal write failed; store is read-only until reopened");
        throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
      }
      samplesAppended += k;
      if (autoCompact) {
        compactIfDue();
      }
      return k;
    } finally {
      lock.writeLock().unlock();
    }
  }

  // ---- head cut

  /** Cuts the oldest block range out of the head while the head spans more than 1.5 block ranges. */
  private void compactIfDue() {
    boolean cut = false;
    while (head.size() > 0 && head.maxT() - head.minT() > blockRange * 3 / 2) {
      long from = Math.max(alignDown(head.minT()), head.minValidT());
      long to = alignDown(head.minT()) + blockRange;
      cut(from, to);
      cut = true;
    }
    if (cut) {
      mergeBlocks();
      downsampleLocked();
    }
  }

  // ---- downsampling

  /**
   * Folds every block range of raw data that lies wholly before the newest raw block's aligned end into the tiers
   * that have not covered it yet. Runs after head cuts and before retention; callable after a backfill.
   */
  public void downsample() {
    lock.writeLock().lock();
    try {
      ensureUsable();
      downsampleLocked();
    } finally {
      lock.writeLock().unlock();
    }
  }

  private void downsampleLocked() {
    if (tiers.isEmpty() || blocks.isEmpty()) {
      return;
    }
    long end = alignDown(blocks.getLast().meta().maxTime());
    for (Tier t : tiers.values()) {
      long from = Math.max(t.coveredUntil(), downsampledUntil.getOrDefault(t.resolution(), Long.MIN_VALUE));
      if (from == Long.MIN_VALUE) {
        from = alignDown(blocks.getFirst().meta().minTime());
      }
      for (long w = from; w + blockRange <= end; w += blockRange) {
        List<Series> raw = select(w, w + blockRange - 1);
        if (!raw.isEmpty()) {
          try {
            long t0 = System.nanoTime();
            int n = t.write(w, w + blockRange, raw);
            LOG.atDebug().addKeyValue("tier", t.resolution().dirName()).addKeyValue("minTime", w)
                .addKeyValue("series", n).addKeyValue("ms", (System.nanoTime() - t0) / 1_000_000)
                .log("downsampled");
          } catch (IOException e) {
            failure = e;
            throw new UncheckedIOException("downsampling [" + w + ", " + (w + blockRange) + ") into tier "
                + t.resolution().dirName() + " of " + dir, e);
          }
        }
        downsampledUntil.put(t.resolution(), w + blockRange);
      }
    }
  }

  /**
   * Answers from the tier {@link TierChoice} picks for the hinted step: one value per window and series, the
   * aggregate the hinted function needs, stitched with raw data the tier does not cover yet ({@link TierStitch}).
   */
  @Override
  public List<Series> select(long minT, long maxT, SelectHints hints, Matcher... matchers) {
    Resolution r;
    long covered;
    lock.readLock().lock();
    try {
      ensureOpen();
      EnumMap<Resolution, Long> oldest = new EnumMap<>(Resolution.class);
      oldest.put(Resolution.RAW, rawOldest());
      tiers.forEach((res, t) -> oldest.put(res, t.oldest()));
      r = TierChoice.choose(hints.stepMillis(), minT, oldest);
      if (r == Resolution.RAW) {
        return select(minT, maxT, matchers);
      }
      covered = Math.max(tiers.get(r).coveredUntil(), downsampledUntil.getOrDefault(r, Long.MIN_VALUE));
    } finally {
      lock.readLock().unlock();
    }
    return TierStitch.select(tiers.get(r), covered, Aggregate.forFunction(hints.function()), minT, maxT,
        this::select, matchers);
  }

  /** Time of the oldest raw sample held; {@code Long.MAX_VALUE} when empty. Caller holds a lock. */
  private long rawOldest() {
    long o = blocks.isEmpty() ? Long.MAX_VALUE : blocks.getFirst().meta().minTime();
    return head.size() > 0 ? Math.min(o, head.minT()) : o;
  }

  /** Start of the oldest block; {@code Long.MAX_VALUE} without blocks. */
  public long blocksMinTime() {
    lock.readLock().lock();
    try {
      return blocks.isEmpty() ? Long.MAX_VALUE : blocks.getFirst().meta().minTime();
    } finally {
      lock.readLock().unlock();
    }
  }

  /** End (exclusive) of the newest block; {@code Long.MIN_VALUE} without blocks. */
  public long blocksMaxTime() {
    lock.readLock().lock();
    try {
      long m = Long.MIN_VALUE;
      for (Block b : blocks) {
        m = Math.max(m, b.meta().maxTime());
      }
      return m;
    } finally {
      lock.readLock().unlock();
    }
  }

  /** The tiers this store keeps (empty unless configured with {@link Builder#tier}). */
  public java.util.Set<Resolution> tiers() {
    return java.util.Collections.unmodifiableSet(tiers.keySet());
  }

  /** Block bytes on disk of one tier (raw: all raw blocks); 0 for a tier not kept. */
  public long bytesOnDisk(Resolution r) {
    if (r == Resolution.RAW) {
      return stats().blockBytes();
    }
    Tier t = tiers.get(r);
    return t == null ? 0 : t.bytesOnDisk();
  }

  /** Self-observation figures of one tier (raw: the same as {@link #stats()}); null for a tier not kept. */
  public Stats stats(Resolution r) {
    if (r == Resolution.RAW) {
      return stats();
    }
    Tier t = tiers.get(r);
    return t == null ? null : t.stats();
  }

  /** One stored aggregate of one tier, without stitching raw data (tests, tools). */
  public List<Series> selectTier(Resolution r, Aggregate a, long minT, long maxT, Matcher... matchers) {
    Tier t = tiers.get(r);
    if (t == null) {
      throw new IllegalArgumentException("tier " + r.dirName() + " is not kept by this store");
    }
    return t.select(minT, maxT, a, matchers);
  }

  /** Merged block ranges: 3, 9 and 27 block ranges (6 h, 18 h, 54 h by default), as Prometheus' exponential ranges. */
  private static final int[] MERGE_FACTORS = {3, 9, 27};

  /**
   * Merges level-by-level: for each larger range, blocks that fall entirely inside one aligned window that lies
   * wholly before the newest block's end are merged into one block when there are at least two. Chunks are copied,
   * not re-encoded. The merged block is written and opened before its parents are deleted; a crash in between is
   * resolved on open ({@code compaction.parents}). Caller holds the write lock.
   */
  private void mergeBlocks() {
    try {
      for (int f : MERGE_FACTORS) {
        if (f > maxMergeFactor()) {
          break;
        }
        long range = blockRange * f;
        boolean merged = true;
        while (merged) {
          merged = false;
          long newest = blocks.isEmpty() ? Long.MIN_VALUE : blocks.getLast().meta().maxTime();
          TreeMap<Long, List<Block>> windows = new TreeMap<>();
          for (Block b : blocks) {
            long w = Math.floorDiv(b.meta().minTime(), range) * range;
            if (b.meta().maxTime() <= w + range && w + range <= newest) {
              windows.computeIfAbsent(w, k -> new ArrayList<>()).add(b);
            }
          }
          for (Map.Entry<Long, List<Block>> e : windows.entrySet()) {
            if (e.getValue().size() >= 2) {
              merge(e.getValue());
              merged = true;
              break;
            }
          }
        }
      }
    } catch (IOException e) {
      failure = e;
      throw new UncheckedIOException("merging blocks in " + dir, e);
    }
  }

  /**
   * Largest merge factor in use: merged blocks stay within a tenth of the age retention (as in Prometheus), so that
   * retention, which drops whole blocks, stays close to the configured age.
   */
  private int maxMergeFactor() {
    int best = 1;
    for (int f : MERGE_FACTORS) {
      if (retention <= 0 || blockRange * f <= retention / 10) {
        best = f;
      }
    }
    return best;
  }

  /** Merges blocks now (normally done after each head cut); used after a backfill. */
  public void compactBlocks() {
    lock.writeLock().lock();
    try {
      ensureUsable();
      mergeBlocks();
    } finally {
      lock.writeLock().unlock();
    }
  }

  private void merge(List<Block> group) throws IOException {
    long t0 = System.nanoTime();
    group.sort(Comparator.comparingLong(b -> b.meta().minTime()));
    TreeMap<Labels, List<EncodedChunk>> series = new TreeMap<>();
    int level = 0;
    StringBuilder parents = new StringBuilder();
    for (Block b : group) {
      level = Math.max(level, b.meta().level());
      parents.append(parents.isEmpty() ? "" : ",").append(b.meta().ulid());
      for (int id = 0; id < b.size(); id++) {
        List<EncodedChunk> cs = series.computeIfAbsent(b.labels(id), k -> new ArrayList<>());
        for (Block.ChunkMeta cm : b.chunks(id)) {
          cs.add(b.chunk(cm));
        }
      }
    }
    List<BlockWriter.SeriesChunks> out = new ArrayList<>(series.size());
    for (Map.Entry<Labels, List<EncodedChunk>> e : series.entrySet()) {
      out.add(new BlockWriter.SeriesChunks(e.getKey(), e.getValue()));
    }
    long minT = group.getFirst().meta().minTime();
    long maxT = group.getLast().meta().maxTime();
    Path p = BlockWriter.write(dir, minT, maxT, out, level + 1, parents.toString());
    Block merged = Block.open(p);
    blocks.removeAll(group);
    blocks.add(merged);
    blocks.sort(Comparator.comparingLong(b -> b.meta().minTime()));
    for (Block b : group) {
      b.close();
      deleteTree(b.dir());
    }
    compactions++;
    LOG.atInfo().addKeyValue("block", merged.meta().ulid()).addKeyValue("parents", group.size())
        .addKeyValue("level", level + 1).addKeyValue("minTime", minT).addKeyValue("maxTime", maxT)
        .addKeyValue("ms", (System.nanoTime() - t0) / 1_000_000).log("blocks merged");
  }

  /**
   * Moves everything in the head into blocks (block boundaries stay aligned to the block range) and empties the
   * head; later samples must be newer than what was persisted. Used by import, tests and shutdown-time flushes.
   */
  public void flush() throws IOException {
    lock.writeLock().lock();
    try {
      ensureUsable();
      while (head.size() > 0) {
        long max = head.dataMaxT();
        long from = Math.max(alignDown(head.minT()), head.minValidT());
        long to = Math.min(alignDown(head.minT()) + blockRange, max + 1);
        cut(from, to);
      }
    } finally {
      lock.writeLock().unlock();
    }
  }

  /**
   * Adds a block built outside the head (backfill, see {@code OpenMetricsImporter}) covering {@code [minT, maxT)}.
   * The range must not overlap an existing block and must end at or before the oldest head sample (WAL replay drops
   * head samples older than the newest block, so a block newer than the head would hide them). With an empty head,
   * later appends must be at or after {@code maxT}.
   */
  public void ingestBlock(long minT, long maxT, List<BlockWriter.SeriesChunks> series) throws IOException {
    lock.writeLock().lock();
    try {
      ensureUsable();
      for (Block b : blocks) {
        if (b.meta().minTime() < maxT && minT < b.meta().maxTime()) {
          throw new IllegalArgumentException("range [" + minT + ", " + maxT + ") overlaps block "
              + b.dir().getFileName() + " [" + b.meta().minTime() + ", " + b.meta().maxTime() + ")");
        }
      }
      if (head.size() > 0 && maxT > head.minT()) {
        throw new IllegalArgumentException("range [" + minT + ", " + maxT + ") reaches into the head, which starts at "
            + head.minT() + "; backfill only data older than what the store holds in memory");
      }
      if (series.isEmpty()) {
        return;
      }
      Path p = BlockWriter.write(dir, minT, maxT, series);
      blocks.add(Block.open(p));
      blocks.sort(Comparator.comparingLong(b -> b.meta().minTime()));
      if (head.size() == 0) {
        head.setMinValidT(maxT);
      }
    } finally {
      lock.writeLock().unlock();
    }
  }

  /** The configured block range in milliseconds. */
  public long blockRangeMillis() {
    return blockRange;
  }

  private long alignDown(long t) {
    return Math.floorDiv(t, blockRange) * blockRange;
  }

  private void cut(long from, long to) {
    long t0 = System.nanoTime();
    try {
      List<MemSeries> sorted = new ArrayList<>(head.series());
      sorted.sort(Comparator.comparing(MemSeries::labels));
      List<BlockWriter.SeriesChunks> out = new ArrayList<>();
      SampleBuf buf = new SampleBuf();
      for (MemSeries s : sorted) {
        buf.clear();
        head.collect(s.id(), from, to - 1, buf);
        if (buf.n == 0) {
          continue;
        }
        out.add(new BlockWriter.SeriesChunks(s.labels(), Chunks.encodeForBlock(buf)));
      }
      if (!out.isEmpty()) {
        Path p = BlockWriter.write(dir, from, to, out);
        blocks.add(Block.open(p));
        blocks.sort(Comparator.comparingLong(b -> b.meta().minTime()));
      }
      head.truncateBefore(to);
      wal.checkpoint(this::writeCheckpoint);
      compactions++;
      LOG.atInfo().addKeyValue("minTime", from).addKeyValue("maxTime", to).addKeyValue("series", out.size())
          .addKeyValue("ms", (System.nanoTime() - t0) / 1_000_000).log("head cut into block");
    } catch (IOException e) {
      failure = e;
      throw new UncheckedIOException("cutting head range [" + from + ", " + to + ") into a block in " + dir, e);
    }
  }

  private void writeCheckpoint(Wal.RecordSink sink) {
    try {
      List<MemSeries> all = head.series();
      Encbuf b = new Encbuf(1 << 16);
      for (int i = 0; i < all.size(); i += 1000) {
        WalRecords.encodeSeries(all.subList(i, Math.min(all.size(), i + 1000)), b);
        sink.record(WalRecords.SERIES, b);
      }
      SampleBuf buf = new SampleBuf();
      MemSeries[] refs = new MemSeries[0];
      for (MemSeries s : all) {
        buf.clear();
        head.collect(s.id(), Long.MIN_VALUE, Long.MAX_VALUE, buf);
        if (refs.length < buf.n) {
          refs = new MemSeries[buf.t.length];
        }
        Arrays.fill(refs, 0, buf.n, s);
        WalRecords.encodeSamples(refs, buf.t, buf.v, buf.n, b);
        sink.record(WalRecords.SAMPLES, b);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  // ---- read

  @Override
  public List<Series> select(long minT, long maxT, Matcher... matchers) {
    lock.readLock().lock();
    try {
      ensureOpen();
      TreeMap<Labels, SampleBuf> acc = new TreeMap<>();
      for (Block b : blocks) {
        if (b.meta().minTime() > maxT || b.meta().maxTime() <= minT) {
          continue;
        }
        for (int id : Postings.select(b, matchers)) {
          SampleBuf buf = null;
          for (Block.ChunkMeta cm : b.chunks(id)) {
            if (cm.maxT() < minT || cm.minT() > maxT) {
              continue;
            }
            EncodedChunk ec;
            SampleIterator it;
            try {
              ec = b.chunk(cm);
              it = Chunks.iterator(ec.encoding(), ec.data());
            } catch (ChunkFormatException e) {
              throw new CorruptionException(b.dir().getFileName() + "/chunks", cm.ref(), e.getMessage());
            }
            while (it.next()) {
              if (it.t() >= minT && it.t() <= maxT) {
                if (buf == null) {
                  buf = acc.computeIfAbsent(b.labels(id), k -> new SampleBuf());
                }
                buf.add(it.t(), it.v());
              }
            }
          }
        }
      }
      for (int id : Postings.select(head, matchers)) {
        SampleBuf buf = acc.get(head.labels(id));
        int before = buf == null ? 0 : buf.n;
        SampleBuf target = buf == null ? new SampleBuf() : buf;
        head.collect(id, minT, maxT, target);
        if (buf == null && target.n > before) {
          acc.put(head.labels(id), target);
        }
      }
      List<Series> out = new ArrayList<>(acc.size());
      for (Map.Entry<Labels, SampleBuf> e : acc.entrySet()) {
        SampleBuf b = e.getValue();
        out.add(new ArraySeries(e.getKey(), b.t, b.v, b.n));
      }
      return out;
    } finally {
      lock.readLock().unlock();
    }
  }

  private List<IndexReader> indexes() {
    List<IndexReader> ix = new ArrayList<>(blocks);
    ix.add(head);
    return ix;
  }

  @Override
  public List<String> labelNames(Matcher... matchers) {
    TreeSet<String> out = new TreeSet<>();
    lock.readLock().lock();
    try {
      for (IndexReader ix : indexes()) {
        if (matchers.length == 0) {
          out.addAll(ix.labelNames());
        } else {
          for (int id : Postings.select(ix, matchers)) {
            Labels l = ix.labels(id);
            for (int i = 0; i < l.size(); i++) {
              out.add(l.name(i));
            }
          }
        }
      }
    } finally {
      lock.readLock().unlock();
    }
    return List.copyOf(out);
  }

  @Override
  public List<String> labelValues(String name, Matcher... matchers) {
    TreeSet<String> out = new TreeSet<>();
    lock.readLock().lock();
    try {
      for (IndexReader ix : indexes()) {
        if (matchers.length == 0) {
          out.addAll(ix.labelValues(name));
        } else {
          for (int id : Postings.select(ix, matchers)) {
            String v = ix.labels(id).get(name);
            if (!v.isEmpty()) {
              out.add(v);
            }
          }
        }
      }
    } finally {
      lock.readLock().unlock();
    }
    return List.copyOf(out);
  }

  @Override
  public long seriesCount() {
    lock.readLock().lock();
    try {
      if (blocks.isEmpty()) {
        return head.size();
      }
      HashSet<Labels> all = new HashSet<>();
      for (IndexReader ix : indexes()) {
        for (int i = 0; i < ix.size(); i++) {
          all.add(ix.labels(i));
        }
      }
      return all.size();
    } finally {
      lock.readLock().unlock();
    }
  }

  // ---- retention

  /** Drops blocks older than the age cutoff, then the oldest blocks while blocks exceed the size limit. */
  @Override
  public void applyRetention(long nowMillis) {
    lock.writeLock().lock();
    try {
      if (failure == null && !closed) {
        downsampleLocked(); // aggregate raw data before age or size retention may drop it
      }
      for (Tier t : tiers.values()) {
        t.applyRetention(nowMillis);
      }
      if (retention > 0) {
        long cutoff = nowMillis - retention;
        head.setMinValidT(cutoff);
        for (Block b : new ArrayList<>(blocks)) {
          if (b.meta().maxTime() <= cutoff) {
            dropBlock(b, "age");
          }
        }
      }
      if (retentionBytes > 0) {
        long total = 0;
        for (Block b : blocks) {
          total += b.sizeOnDisk();
        }
        while (total > retentionBytes && !blocks.isEmpty()) {
          Block oldest = blocks.getFirst();
          total -= oldest.sizeOnDisk();
          head.setMinValidT(oldest.meta().maxTime());
          dropBlock(oldest, "size");
        }
      }
    } finally {
      lock.writeLock().unlock();
    }
  }

  private void dropBlock(Block b, String reason) {
    blocks.remove(b);
    try {
      b.close();
      deleteTree(b.dir());
    } catch (IOException e) {
      LOG.atWarn().addKeyValue("block", b.dir().getFileName()).setCause(e).log("could not delete expired block");
    }
    LOG.atInfo().addKeyValue("block", b.dir().getFileName()).addKeyValue("maxTime", b.meta().maxTime())
        .addKeyValue("reason", reason).log("retention dropped block");
  }

  /** Blocks are dropped whole, so data may outlive the cutoff by up to the largest block's range. */
  @Override
  public long retentionGranularityMillis() {
    return blockRange * maxMergeFactor();
  }

  // ---- state

  /** Self-observation figures (for ktel's own /metrics). */
  public record Stats(long headSeries, long blocks, long samplesAppended, long rejectedSamples, long compactions,
      long corruptions, long walBytes, long blockBytes) {
  }

  public Stats stats() {
    lock.readLock().lock();
    try {
      long bb = 0;
      for (Block b : blocks) {
        bb += b.sizeOnDisk();
      }
      long wb;
      try {
        wb = wal.sizeOnDisk();
      } catch (IOException e) {
        wb = -1;
      }
      return new Stats(head.size(), blocks.size(), samplesAppended, rejected, compactions, corruptions, wb, bb);
    } finally {
      lock.readLock().unlock();
    }
  }

  @Override
  public long rejectedSamples() {
    lock.readLock().lock();
    try {
      return rejected;
    } finally {
      lock.readLock().unlock();
    }
  }

  @Override
  public CheckResult check() {
    if (closed) {
      return CheckResult.failed(new IllegalStateException(dir + ": store closed"));
    }
    Throwable f = failure;
    return f == null ? CheckResult.OK : CheckResult.failed(f);
  }

  private void ensureOpen() {
    if (closed) {
      throw new IllegalStateException(dir + ": store closed");
    }
  }

  private void ensureUsable() {
    ensureOpen();
    Throwable f = failure;
    if (f != null) {
      throw new IllegalStateException(dir + ": store failed earlier and accepts no writes: " + f, f);
    }
  }

  @Override
  public void close() {
    lock.writeLock().lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      IOException first = null;
      for (Tier t : tiers.values()) {
        try {
          t.close();
        } catch (RuntimeException e) {
          first = first == null ? new IOException(e) : first;
        }
      }
      try {
        wal.close();
      } catch (IOException e) {
        first = e;
      }
      for (Block b : blocks) {
        try {
          b.close();
        } catch (IOException e) {
          first = first == null ? e : first;
        }
      }
      blocks.clear();
      try {
        fileLock.release();
        lockChannel.close();
      } catch (IOException e) {
        first = first == null ? e : first;
      }
      if (first != null) {
        throw new UncheckedIOException(dir + ": close", first);
      }
    } finally {
      lock.writeLock().unlock();
    }
  }

  static void deleteTree(Path p) throws IOException {
    if (Files.isDirectory(p)) {
      try (DirectoryStream<Path> ds = Files.newDirectoryStream(p)) {
        for (Path c : ds) {
          deleteTree(c);
        }
      }
    }
    Files.deleteIfExists(p);
  }
}
