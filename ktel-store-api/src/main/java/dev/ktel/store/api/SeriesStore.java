package dev.ktel.store.api;

import java.io.Closeable;
import java.util.List;

/**
 * The time-series storage SPI: append float samples (classic histograms as their float series), select series by
 * label matchers over a time range, read the label index, apply retention. Implementations: {@code
 * InMemorySeriesStore} (reference behaviour, this module) and the embedded TSDB in {@code ktel-store}; both pass
 * the same contract suite. New capabilities are added as concrete methods with a safe fallback so existing
 * implementations keep compiling.
 *
 * <p>Reads are consistent with commits: a select sees every sample whose commit returned before the select began.
 */
public abstract class SeriesStore implements Closeable {
  /** A new batch; see {@link Appender} for commit semantics. */
  public abstract Appender appender();

  /**
   * The series matching all matchers that have at least one sample with {@code minT <= t <= maxT}, sorted by
   * labels, each iterating only its samples in that range. No matchers selects every series.
   */
  public abstract List<Series> select(long minT, long maxT, Matcher... matchers);

  /**
   * Like {@link #select(long, long, Matcher...)}, but a store with downsampled tiers may answer from a tier chosen by
   * {@code hints} (one value per tier window per series, picked by the hinted function). Default: hints are ignored
   * and raw samples returned, which is always a correct answer.
   */
  public List<Series> select(long minT, long maxT, SelectHints hints, Matcher... matchers) {
    return select(minT, maxT, matchers);
  }

  /** Sorted distinct label names of the series matching all matchers (all series if none). */
  public abstract List<String> labelNames(Matcher... matchers);

  /** Sorted distinct non-empty values of label {@code name} among the series matching all matchers. */
  public abstract List<String> labelValues(String name, Matcher... matchers);

  /** Number of series currently held (in memory and on disk). */
  public abstract long seriesCount();

  /**
   * Drops data older than {@code nowMillis - retention}. Implementations drop in units of at most
   * {@link #retentionGranularityMillis()}: samples at or after the cutoff always survive, samples older than the
   * cutoff minus the granularity are always gone. Default: no retention.
   */
  public void applyRetention(long nowMillis) {
  }

  /** See {@link #applyRetention}; 0 means exact. */
  public long retentionGranularityMillis() {
    return 0;
  }

  /** Samples dropped at commit because they became invalid after {@link Appender#append} (racing appenders). */
  public long rejectedSamples() {
    return 0;
  }

  /** Health as a value; never throws. */
  public CheckResult check() {
    return CheckResult.OK;
  }

  @Override
  public abstract void close();
}
