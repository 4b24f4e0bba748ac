package dev.ktel.forward.agent;

import dev.ktel.core.event.Event;
import dev.ktel.core.metric.MetricSink;
import dev.ktel.forward.buffer.BufferedBatch;
import dev.ktel.forward.buffer.DiskBuffer;
import dev.ktel.forward.buffer.PriorityClass;
import dev.ktel.forward.wire.Batch;
import dev.ktel.forward.wire.BatchCodec;
import dev.ktel.forward.wire.WriteSeries;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers collections and events to a server. Data is grouped per {@link PriorityClass}; a whole collection is
 * sealed into a batch when it is offered, events and loose series every {@code flushInterval} (or sooner at
 * {@code maxBatchItems}). A sealed batch is encoded,
 * compressed and appended to the {@link DiskBuffer} (fsynced). One sender thread sends the buffer's oldest batch
 * with its idempotency key {@code X-Ktel-Batch: <agent-id>/<seq>}, removes it only on a 2xx, and retries
 * everything else with exponential backoff and jitter, so batches reach the server in sequence order, one at a time.
 * HTTP 400 and 413 mean the server can never accept the batch: it is removed and counted as refused.
 */
public final class Forwarder implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Forwarder.class);
    static final String REMOTE_WRITE_VERSION = "0.1.0";

    private final ForwarderOptions options;
    private final DiskBuffer buffer;
    private final ForwardMetrics metrics = new ForwardMetrics();
    private final HttpClient client;
    private final Map<PriorityClass, Pending> pending = new EnumMap<>(PriorityClass.class);
    private final Object sealLock = new Object();
    /** Wakes the sealer and a backing-off sender at close (no interrupts: they would close buffer file channels). */
    private final Object wake = new Object();
    private volatile boolean closed;
    private Thread sender;
    private Thread sealer;

    /** Series and events waiting to be sealed into one batch of a class. */
    private static final class Pending {
        final List<WriteSeries> series = new ArrayList<>();
        final List<Event> events = new ArrayList<>();
        int items;
    }

    public Forwarder(ForwarderOptions options) throws IOException {
        this.options = options;
        this.buffer = new DiskBuffer(options.bufferDir(), options.bufferMaxBytes(), (c, items) -> {
            metrics.dropped.add(c.label(), items);
            metrics.droppedBatches.inc(c.label());
        });
        metrics.bind(buffer::bytes, buffer::size);
        HttpClient.Builder b = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(options.requestTimeout());
        if (options.sslContext() != null) {
            b.sslContext(options.sslContext());
        }
        this.client = b.build();
        for (PriorityClass c : PriorityClass.values()) {
            pending.put(c, new Pending());
        }
    }

    public Forwarder start() {
        sender = Thread.ofPlatform().name("forward-send").daemon(true).start(this::sendLoop);
        sealer = Thread.ofPlatform().name("forward-seal").daemon(true).start(this::sealLoop);
        return this;
    }

    /** A sink for one collection; hand it back with {@link #offer(CollectionSink)} when the collection is done. */
    public CollectionSink newCollection(long timestampMillis) {
        return new CollectionSink(options.hostId(), timestampMillis);
    }

    /** Collects with {@code collect} at the current time and queues the result. */
    public void collect(Consumer<MetricSink> collect) {
        CollectionSink sink = newCollection(System.currentTimeMillis());
        collect.accept(sink);
        offer(sink);
    }

    /**
     * Queues a whole collection and seals the metric batches at once: a collection is already a natural batch, and
     * waiting for the flush timer would only add to the ingest latency. Events still wait for the timer.
     */
    public void offer(CollectionSink collection) {
        synchronized (sealLock) {
            offerSeries(collection.series());
            seal(PriorityClass.METRICS_CORE, pending.get(PriorityClass.METRICS_CORE));
            seal(PriorityClass.METRICS_LOW, pending.get(PriorityClass.METRICS_LOW));
        }
    }

    public void offerSeries(List<WriteSeries> series) {
        List<String> low = options.lowPriorityMetricPrefixes();
        synchronized (sealLock) {
            for (WriteSeries s : series) {
                PriorityClass c = low.isEmpty() || !startsWithAny(s.labels().metricName(), low)
                        ? PriorityClass.METRICS_CORE : PriorityClass.METRICS_LOW;
                Pending p = pending.get(c);
                p.series.add(s);
                p.items += s.size();
                if (p.items >= options.maxBatchItems()) {
                    seal(c, p);
                }
            }
        }
    }

    public void offer(Event event) {
        if (!options.format().carriesEvents()) {
            metrics.unsupported.increment();
            return;
        }
        PriorityClass c = PriorityClass.of(event);
        synchronized (sealLock) {
            Pending p = pending.get(c);
            p.events.add(event);
            p.items++;
            if (p.items >= options.maxBatchItems()) {
                seal(c, p);
            }
        }
    }

    private static boolean startsWithAny(String name, List<String> prefixes) {
        for (String p : prefixes) {
            if (name.startsWith(p)) {
                return true;
            }
        }
        return false;
    }

    /** Seals every class's pending data into batches in the buffer now. */
    public void flush() {
        synchronized (sealLock) {
            pending.forEach(this::seal);
        }
    }

    private void seal(PriorityClass c, Pending p) {
        if (p.items == 0) {
            return;
        }
        try {
            byte[] raw = BatchCodec.encode(new Batch(p.series, p.events));
            byte[] body = options.format().compression().compress(raw);
            buffer.append(c, (byte) options.format().ordinal(), p.items, body);
        } catch (RuntimeException e) {
            // a disk error or a closed buffer: drop (counted) rather than let pending data grow without bound
            metrics.dropped.add(c.label(), p.items);
            metrics.droppedBatches.inc(c.label());
            LOG.warn("forward: cannot buffer a batch of {} items ({}): dropped", p.items, e.toString());
        } finally {
            p.series.clear();
            p.events.clear();
            p.items = 0;
        }
    }

    private void sealLoop() {
        long every = Math.max(1, options.flushInterval().toMillis());
        while (!closed) {
            try {
                pause(every);
                if (!closed) {
                    flush();
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.warn("forward: sealing a batch failed: {}", e.toString());
            }
        }
    }

    private void sendLoop() {
        long backoff = options.minBackoff().toMillis();
        boolean retrying = false;
        while (!closed) {
            BufferedBatch b;
            try {
                b = buffer.next(500);
            } catch (InterruptedException e) {
                return;
            }
            if (b == null) {
                continue;
            }
            if (retrying) {
                metrics.retries.increment();
            }
            Outcome o = send(b);
            switch (o) {
                case ACKNOWLEDGED -> {
                    buffer.remove(b.sequence());
                    metrics.sent.increment();
                    metrics.sentItems.add(b.items());
                    backoff = options.minBackoff().toMillis();
                    retrying = false;
                }
                case REFUSED -> {
                    buffer.remove(b.sequence());
                    metrics.refused.add(b.priority().label(), b.items());
                    retrying = false;
                }
                case RETRY -> {
                    buffer.release(b.sequence());
                    retrying = true;
                    long sleep = backoff / 2 + ThreadLocalRandom.current().nextLong(backoff / 2 + 1);
                    backoff = Math.min(backoff * 2, options.maxBackoff().toMillis());
                    try {
                        pause(sleep);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }
        }
    }

    private void pause(long millis) throws InterruptedException {
        synchronized (wake) {
            if (!closed) {
                wake.wait(millis);
            }
        }
    }

    private enum Outcome { ACKNOWLEDGED, REFUSED, RETRY }

    private Outcome send(BufferedBatch b) {
        PayloadFormat format = PayloadFormat.values()[b.format()];
        HttpRequest.Builder req = HttpRequest.newBuilder(options.endpoint())
                .timeout(options.requestTimeout())
                .header("Content-Type", "application/x-protobuf")
                .header("Content-Encoding", format.compression().header())
                .header("User-Agent", "ktel-forwarder")
                .header("X-Ktel-Batch", buffer.agentId() + "/" + b.sequence())
                .POST(HttpRequest.BodyPublishers.ofByteArray(b.body()));
        if (format == PayloadFormat.REMOTE_WRITE) {
            req.header("X-Prometheus-Remote-Write-Version", REMOTE_WRITE_VERSION);
        }
        if (options.token() != null) {
            req.header("Authorization", "Bearer " + options.token());
        }
        try {
            HttpResponse<String> res = client.send(req.build(), HttpResponse.BodyHandlers.ofString());
            int st = res.statusCode();
            if (st / 100 == 2) {
                return Outcome.ACKNOWLEDGED;
            }
            if (st == 400 || st == 413) {
                metrics.errors.inc("rejected");
                LOG.warn("forward: server refused batch {} ({}): {}", b.sequence(), st, res.body().strip());
                return Outcome.REFUSED;
            }
            metrics.errors.inc(st == 401 || st == 403 ? "unauthorized" : "http_" + st / 100 + "xx");
            return Outcome.RETRY;
        } catch (HttpTimeoutException e) {
            metrics.errors.inc("timeout");
        } catch (ConnectException e) {
            metrics.errors.inc("connect");
        } catch (IOException e) {
            metrics.errors.inc("io");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closed = true;
        }
        return Outcome.RETRY;
    }

    public ForwardMetrics metrics() {
        return metrics;
    }

    public DiskBuffer buffer() {
        return buffer;
    }

    public String agentId() {
        return buffer.agentId();
    }

    /** Waits until the buffer is empty (everything acknowledged) or the timeout passes; true when empty. */
    public boolean awaitDrained(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            flush();
            if (buffer.size() == 0) {
                return true;
            }
            Thread.sleep(20);
        }
        return buffer.size() == 0;
    }

    /** Seals what is pending into the buffer (so it survives) and stops; unsent batches stay on disk. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        synchronized (wake) {
            wake.notifyAll();
        }
        join(sealer, 2000);
        try {
            flush();
        } catch (RuntimeException e) {
            LOG.warn("forward: final flush failed: {}", e.toString());
        }
        buffer.wakeAll();
        join(sender, options.requestTimeout().toMillis() + 2000);
        buffer.close();
        client.shutdownNow();
    }

    private static void join(Thread t, long millis) {
        if (t == null) {
            return;
        }
        try {
            t.join(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
