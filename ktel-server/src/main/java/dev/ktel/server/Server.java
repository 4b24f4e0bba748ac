package dev.ktel.server;

import dev.ktel.agent.metrics.MetricSource;
import dev.ktel.core.http.HttpServer;
import dev.ktel.core.metric.MetricSink;
import dev.ktel.store.TsdbSeriesStore;
import dev.ktel.store.api.SeriesStore;
import dev.ktel.store.downsample.Resolution;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server role: owns the series store under {@code <data-dir>/tsdb}, runs its maintenance (retention per tier,
 * which first downsamples completed raw ranges), exposes the store's self-metrics, and is the place where server-side
 * features attach:
 *
 * <ul>
 *   <li>HTTP features (query API and UI, ingest endpoint) through {@link #addRoutes(RouteRegistrar)}, registered on
 *       the shared endpoint by {@link #routes(HttpServer)};
 *   <li>the local agent's collections through {@link #ingestFrom} ({@code ktel run});
 *   <li>further stores (the event store) through {@link #addComponent(AutoCloseable)}, closed with the server, and a
 *       directory of their own beside {@code tsdb} in the data directory.
 * </ul>
 *
 * {@code ktel run} = agent + server on the agent's endpoint; {@code ktel server} = server alone on its own endpoint
 * ({@link #serve(InetSocketAddress)}). The agent role never loads this class.
 */
public final class Server implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Server.class);

  private final ServerSettings settings;
  private final RejectionCounter rejections = new RejectionCounter();
  private final AtomicLong maintenanceErrors = new AtomicLong();
  private final List<RouteRegistrar> registrars = new ArrayList<>();
  private final List<AutoCloseable> closeables = new ArrayList<>();
  private final List<MetricSource> metricSources = new java.util.concurrent.CopyOnWriteArrayList<>();
  private TsdbSeriesStore store;
  private dev.ktel.eventstore.LuceneEventStore events;
  private final FamilyRecorder families = new FamilyRecorder();
  private dev.ktel.promql.Engine engine;
  private ScheduledExecutorService maintenance;
  private java.util.function.Consumer<List<dev.ktel.core.event.Event>> eventSink = events -> {
    if (!events.isEmpty()) {
      throw new IllegalStateException("no event store attached: " + events.size() + " events refused");
    }
  };

  public Server(ServerSettings settings) {
    this.settings = settings;
  }

  /** Where the series store of a data directory lives. */
  public static Path tsdbDir(Path dataDir) {
    return dataDir.resolve("tsdb");
  }

  /** Where the event store of a data directory lives. */
  public static Path eventsDir(Path dataDir) {
    return dataDir.resolve("events");
  }

  /**
   * An event sink for the local agent ({@code ktel run}): events are queued and stored in batches on a thread of
   * the server's, so the agent's sources never wait for the event store's fsync.
   */
  public dev.ktel.core.event.EventSink localEvents() {
    LocalEventWriter w = new LocalEventWriter(events, 16_384);
    closeables.add(closeables.indexOf(events) + 1, w); // closed (and drained) before the event store
    metricSources.add(w::write);
    return w;
  }

  public dev.ktel.store.api.event.EventStore events() {
    return events;
  }

  /** Opens the series store of a data directory with the server's tier layout (also used by {@code tsdb import}). */
  public static TsdbSeriesStore openStore(Path dataDir, StoreRetention r) throws IOException {
    return TsdbSeriesStore.builder(tsdbDir(dataDir)).retentionMillis(r.raw().toMillis()).retentionBytes(r.rawBytes())
        .tier(Resolution.FIVE_MINUTES, r.fiveMinutes().toMillis(), 0)
        .tier(Resolution.ONE_HOUR, r.oneHour().toMillis(), 0).open();
  }

  /** Opens the store and starts maintenance. */
  public Server start() throws IOException {
    store = openStore(settings.dataDir(), settings.retention());
    closeables.add(store);
    metricSources.add(new StoreMetrics(store, rejections, maintenanceErrors::get));
    events = dev.ktel.eventstore.LuceneEventStore.builder(eventsDir(settings.dataDir())).open();
    closeables.add(events);
    metricSources.add(new dev.ktel.eventstore.EventStoreMetrics(events)::write);
    eventSink = batch -> events.append(batch);
    registrars.add((http, server) -> http.route(dev.ktel.eventstore.http.EventStoreHandler.PATH,
        new dev.ktel.eventstore.http.EventStoreHandler(events)));
    engine = new dev.ktel.promql.Engine(store, dev.ktel.promql.EngineOptions.DEFAULTS);
    registrars.add(this::registerQueryApi);
    maintenance = Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform().name("tsdb-maintenance")
        .daemon(true).unstarted(r));
    long every = settings.maintenanceInterval().toMillis();
    maintenance.scheduleWithFixedDelay(this::maintain, 0, every, TimeUnit.MILLISECONDS);
    LOG.info("server: store {} (series={}, retention raw={} 5m={} 1h={})", tsdbDir(settings.dataDir()),
        store.seriesCount(), settings.retention().raw(), settings.retention().fiveMinutes(),
        settings.retention().oneHour());
    return this;
  }

  /** The Prometheus HTTP API (PromQL over the store, Grafana's data source works unchanged) and the query page. */
  private void registerQueryApi(HttpServer http, Server server) {
    StoreRetention r = settings.retention();
    dev.ktel.api.ApiOptions opts = dev.ktel.api.ApiOptions.builder()
        .buildInfo(dev.ktel.api.BuildInfo.ktel(dev.ktel.agent.BuildInfo.version(), dev.ktel.agent.BuildInfo.revision()))
        .metadata(dev.ktel.api.MetadataSource.ofFamilies(families::families))
        .storageRetention(r.raw().toDays() + "d")
        .errorLog(t -> LOG.warn("api: {}", t.toString()))
        .build();
    dev.ktel.api.PrometheusApi api = dev.ktel.api.PrometheusApi.register(http, store, engine, opts);
    metricSources.add(api.metrics()::collect);
    dev.ktel.api.ui.QueryPage.register(http);
  }

  /** One maintenance run: downsampling of completed raw ranges, then retention of every tier. */
  public void maintain() {
    try {
      store.applyRetention(System.currentTimeMillis());
    } catch (RuntimeException e) {
      maintenanceErrors.incrementAndGet();
      LOG.error("tsdb maintenance failed: {}", e.toString());
    }
  }

  /** Adds an HTTP feature; call before {@link #routes(HttpServer)}. */
  public Server addRoutes(RouteRegistrar registrar) {
    registrars.add(registrar);
    return this;
  }

  /** Adds families to the server's self-metrics (e.g. the ingest endpoint's). */
  public Server addMetricSource(MetricSource source) {
    metricSources.add(source);
    return this;
  }

  /** Adds a component (e.g. another store) that lives and dies with the server. */
  public Server addComponent(AutoCloseable component) {
    closeables.add(component);
    return this;
  }

  /**
   * Registers every feature's routes on {@code http}: those added with {@link #addRoutes} and those found on the class
   * path as {@code META-INF/services/dev.ktel.server.RouteRegistrar} providers (so a module such as the query API
   * joins {@code ktel run} and {@code ktel server} by being a dependency of the command).
   */
  public void routes(HttpServer http) {
    List<RouteRegistrar> all = new ArrayList<>(registrars);
    for (RouteRegistrar r : java.util.ServiceLoader.load(RouteRegistrar.class)) {
      all.add(r);
    }
    for (RouteRegistrar r : all) {
      r.register(http, this);
      LOG.debug("server: routes of {} registered", r.getClass().getName());
    }
  }

  /**
   * Stores the local agent's collections every {@code interval}: {@code source} writes one collection into the sink
   * it is given. The ingest stops when the server closes.
   */
  public LocalIngest ingestFrom(Consumer<MetricSink> source, Duration interval) {
    return ingestFrom(source, interval, null);
  }

  /**
   * As {@link #ingestFrom(Consumer, Duration)}, with the target labels a forwarded series carries ({@code host} and
   * {@code instance} = the host id, {@code job="ktel"}), so that {@code ktel run} stores what a remote agent would
   * send. A null host id adds none.
   */
  public LocalIngest ingestFrom(Consumer<MetricSink> plain, Duration interval, String hostId) {
    Consumer<MetricSink> source = sink -> plain.accept(families.wrap(sink));
    String[] target = hostId == null ? new String[0]
        : new String[] {"host", hostId, "instance", hostId, "job", "ktel"};
    LocalIngest ingest = new LocalIngest(store, rejections, source, interval, System::currentTimeMillis, target);
    closeables.add(1, ingest); // closed before the store (closeables close in reverse order)
    metricSources.add(ingest);
    return ingest.start();
  }

  /** Runs the server alone on its own endpoint: /metrics (self-metrics), health, and the features' routes. */
  public HttpServer serve(InetSocketAddress listen) throws IOException {
    return serve(listen, null);
  }

  /** As {@link #serve(InetSocketAddress)}, over TLS when {@code tls} is not null. */
  public HttpServer serve(InetSocketAddress listen, javax.net.ssl.SSLContext tls) throws IOException {
    HttpServer http = new HttpServer(listen).onError(t -> LOG.warn("http: {}", t.toString())).concurrentHandlers();
    if (tls != null) {
      http.tls(tls);
    }
    http
        .route("/metrics", new ServerMetricsHandler(metricSources))
        .route("/-/healthy", (req, res) -> res.text(200, "ktel server is Healthy.\n"))
        .route("/-/ready", (req, res) -> res.text(200, "ktel server is Ready.\n"));
    routes(http);
    http.start();
    closeables.add(http);
    return http;
  }

  /** The server's self-metrics (store, local ingest), for the agent's /metrics when both share a process. */
  public MetricSource metrics() {
    return sink -> {
      for (MetricSource s : List.copyOf(metricSources)) {
        s.write(sink);
      }
    };
  }

  /**
   * Stores events received from agents; durable when it returns (the ingest endpoint acknowledges after it). Until an
   * event store is attached with {@link #eventSink}, events are counted and refused loudly rather than dropped.
   */
  public void storeEvents(List<dev.ktel.core.event.Event> events) {
    eventSink.accept(events);
  }

  /** Where {@link #storeEvents} writes (the event store). */
  public Server eventSink(java.util.function.Consumer<List<dev.ktel.core.event.Event>> sink) {
    this.eventSink = sink;
    return this;
  }

  public SeriesStore store() {
    return store;
  }

  public TsdbSeriesStore tsdb() {
    return store;
  }

  public RejectionCounter rejections() {
    return rejections;
  }

  public ServerSettings settings() {
    return settings;
  }

  @Override
  public void close() {
    if (maintenance != null) {
      maintenance.shutdown();
      try {
        maintenance.awaitTermination(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    for (int i = closeables.size() - 1; i >= 0; i--) {
      try {
        closeables.get(i).close();
      } catch (Exception e) {
        LOG.warn("server: close failed: {}", e.toString());
      }
    }
    closeables.clear();
  }
}
