package dev.ktel.server;

import dev.ktel.agent.metrics.MetricSource;
import dev.ktel.core.metric.MetricFamily;
import dev.ktel.core.metric.MetricSink;
import dev.ktel.store.TsdbSeriesStore;
import dev.ktel.store.api.SampleRejectedException;
import dev.ktel.store.downsample.Resolution;
import java.util.Locale;

/** The store's self-metrics ({@code ktel_tsdb_*}), for /metrics and for the store itself through local ingest. */
public final class StoreMetrics implements MetricSource {
  private static final MetricFamily HEAD_SERIES = MetricFamily.gauge("ktel_tsdb_head_series",
      "Series in the in-memory head of the store.");
  private static final MetricFamily BLOCKS = MetricFamily.gauge("ktel_tsdb_blocks",
      "Raw blocks on disk.");
  private static final MetricFamily APPENDED = MetricFamily.counter("ktel_tsdb_samples_appended_total",
      "Samples committed to the store since it was opened.");
  private static final MetricFamily REJECTED = MetricFamily.counter("ktel_tsdb_rejected_samples_total",
      "Samples the store refused: out of order, duplicate timestamp with another value, too old, or dropped at "
          + "commit after a racing append (commit_race).", "reason");
  private static final MetricFamily BYTES = MetricFamily.gauge("ktel_tsdb_bytes_on_disk",
      "Bytes of block data on disk per tier (raw, 5m, 1h).", "tier");
  private static final MetricFamily WAL = MetricFamily.gauge("ktel_tsdb_wal_size_bytes",
      "Bytes of write-ahead log on disk.");
  private static final MetricFamily COMPACTIONS = MetricFamily.counter("ktel_tsdb_compactions_total",
      "Head cuts and block merges since the store was opened, per tier.", "tier");
  private static final MetricFamily CORRUPTIONS = MetricFamily.counter("ktel_tsdb_corruptions_total",
      "Corrupt WAL tails and blocks found (and set aside) since the store was opened, per tier.", "tier");
  private static final MetricFamily MAINTENANCE_ERRORS = MetricFamily.counter("ktel_tsdb_maintenance_errors_total",
      "Scheduled retention or downsampling runs that failed.");

  private final TsdbSeriesStore store;
  private final RejectionCounter rejections;
  private final java.util.function.LongSupplier maintenanceErrors;

  public StoreMetrics(TsdbSeriesStore store, RejectionCounter rejections,
      java.util.function.LongSupplier maintenanceErrors) {
    this.store = store;
    this.rejections = rejections;
    this.maintenanceErrors = maintenanceErrors;
  }

  @Override
  public void write(MetricSink sink) {
    TsdbSeriesStore.Stats s = store.stats();
    sink.family(HEAD_SERIES);
    sink.sample(s.headSeries());
    sink.family(BLOCKS);
    sink.sample(s.blocks());
    sink.family(APPENDED);
    sink.sample(s.samplesAppended());
    sink.family(REJECTED);
    for (SampleRejectedException.Reason r : SampleRejectedException.Reason.values()) {
      sink.sample(r.name().toLowerCase(Locale.ROOT), rejections.get(r));
    }
    sink.sample("commit_race", s.rejectedSamples());
    sink.family(BYTES);
    sink.sample(Resolution.RAW.dirName(), s.blockBytes());
    for (Resolution r : store.tiers()) {
      sink.sample(r.dirName(), store.bytesOnDisk(r));
    }
    sink.family(WAL);
    sink.sample(s.walBytes());
    sink.family(COMPACTIONS);
    sink.sample(Resolution.RAW.dirName(), s.compactions());
    for (Resolution r : store.tiers()) {
      sink.sample(r.dirName(), store.stats(r).compactions());
    }
    sink.family(CORRUPTIONS);
    sink.sample(Resolution.RAW.dirName(), s.corruptions());
    for (Resolution r : store.tiers()) {
      sink.sample(r.dirName(), store.stats(r).corruptions());
    }
    sink.family(MAINTENANCE_ERRORS);
    sink.sample(maintenanceErrors.getAsLong());
  }
}
