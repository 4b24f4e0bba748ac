package dev.ktel.server;

import dev.ktel.agent.metrics.MetricSource;
import dev.ktel.core.metric.MetricFamily;
import dev.ktel.core.metric.MetricSink;
import dev.ktel.store.api.SeriesStore;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stores what the agent in the same process collects: every interval, runs {@code source} (the agent's collectors and
 * sources) into a {@link StoreSink} and commits the collection at one timestamp. A failed collection is logged and
 * counted; the next interval tries again.
 */
public final class LocalIngest implements MetricSource, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LocalIngest.class);
  private static final MetricFamily COLLECTIONS = MetricFamily.counter("ktel_local_ingest_collections_total",
      "Collections of the local agent committed to the store.");
  private static final MetricFamily SAMPLES = MetricFamily.counter("ktel_local_ingest_samples_total",
      "Samples of the local agent committed to the store (staleness markers included).");
  private static final MetricFamily STALE = MetricFamily.counter("ktel_local_ingest_stale_markers_total",
      "Staleness markers written for series that disappeared from one collection to the next.");
  private static final MetricFamily ERRORS = MetricFamily.counter("ktel_local_ingest_errors_total",
      "Samples refused by the store plus collections that could not be committed.");

  private final Consumer<MetricSink> source;
  private final Duration interval;
  private final LongSupplier clock;
  private final StoreSink sink;
  private final AtomicLong collections = new AtomicLong();
  private final AtomicLong samples = new AtomicLong();
  private final AtomicLong stale = new AtomicLong();
  private final AtomicLong errors = new AtomicLong();
  private ScheduledExecutorService scheduler;

  public LocalIngest(SeriesStore store, RejectionCounter rejections, Consumer<MetricSink> source, Duration interval,
      LongSupplier clockMillis) {
    this(store, rejections, source, interval, clockMillis, new String[0]);
  }

  /** @param targetLabels name, value pairs added to every stored series (host, instance, job) */
  public LocalIngest(SeriesStore store, RejectionCounter rejections, Consumer<MetricSink> source, Duration interval,
      LongSupplier clockMillis, String[] targetLabels) {
    this.source = source;
    this.interval = interval;
    this.clock = clockMillis;
    this.sink = new StoreSink(store, rejections, targetLabels);
  }

  public LocalIngest start() {
    scheduler = Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform().name("local-ingest")
        .daemon(true).unstarted(r));
    scheduler.scheduleAtFixedRate(this::collectQuietly, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    return this;
  }

  private void collectQuietly() {
    try {
      collectOnce();
    } catch (RuntimeException e) {
      errors.incrementAndGet();
      LOG.warn("local ingest: collection not stored: {}", e.toString());
    }
  }

  /** One collection into the store; returns the samples stored. Serialised with the scheduled runs. */
  public synchronized int collectOnce() {
    long t = clock.getAsLong();
    sink.begin();
    source.accept(sink);
    StoreSink.Result r = sink.commit(t);
    collections.incrementAndGet();
    samples.addAndGet(r.appended());
    stale.addAndGet(r.staleMarkers());
    errors.addAndGet(r.rejected());
    return r.appended();
  }

  public long samples() {
    return samples.get();
  }

  public long errors() {
    return errors.get();
  }

  @Override
  public void write(MetricSink out) {
    out.family(COLLECTIONS);
    out.sample(collections.get());
    out.family(SAMPLES);
    out.sample(samples.get());
    out.family(STALE);
    out.sample(stale.get());
    out.family(ERRORS);
    out.sample(errors.get());
  }

  @Override
  public void close() {
    if (scheduler != null) {
      scheduler.shutdown();
      try {
        scheduler.awaitTermination(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
