package dev.ktel.collectors.kmsg;

import dev.ktel.core.event.CorrelationKey;
import dev.ktel.core.event.Event;
import dev.ktel.core.event.EventSink;
import dev.ktel.core.event.Severity;
import dev.ktel.core.text.ProcParseException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the kernel log: a daemon thread polls {@code /dev/kmsg} every interval, classifies the new records
 * into typed events and hands them to an {@link EventSink}. The read position is saved in a state file so that
 * a restart continues where the previous run stopped; lost records are reported as {@code kmsg_missed} events
 * and counted.
 */
public final class KmsgSource implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(KmsgSource.class);
    public static final Path DEV_KMSG = Path.of("/dev/kmsg");
    public static final Path BOOT_ID = Path.of("/proc/sys/kernel/random/boot_id");
    public static final long DEFAULT_INTERVAL_MS = 1000;

    /** Opens the record device; the default opens /dev/kmsg non-blocking. */
    @FunctionalInterface
    public interface DeviceOpener {
        KmsgDevice open() throws IOException;
    }

    private final DeviceOpener opener;
    private final Path stateFile;
    private final Path bootIdFile;
    private final String host;
    private final EventSink sink;
    private final long intervalMs;
    private final Function<String, CorrelationKey> keys;
    private final java.util.function.LongSupplier bootEpochNanos;

    private KmsgReader reader;
    private volatile long bootNanos;
    private KernelEventClassifier classifier;
    private Thread thread;
    private volatile boolean running;
    private final Object lock = new Object();

    private final AtomicLong records = new AtomicLong();
    private final AtomicLong missed = new AtomicLong();
    private final AtomicLong parseErrors = new AtomicLong();
    private final AtomicLong events = new AtomicLong();
    private final AtomicLong readErrors = new AtomicLong();

    public KmsgSource(Path devKmsg, Path stateFile, String host, EventSink sink) {
        this(() -> NativeKmsgDevice.open(devKmsg), stateFile, BOOT_ID, host, sink, DEFAULT_INTERVAL_MS, null,
                NativeKmsgDevice::bootEpochNanos);
    }

    /**
     * @param bootEpochNanos wall-clock nanoseconds at which the kernel log clock was 0 (CLOCK_REALTIME minus
     *                       CLOCK_MONOTONIC); asked once per poll, so clock steps are followed
     */
    public KmsgSource(DeviceOpener opener, Path stateFile, Path bootIdFile, String host, EventSink sink,
            long intervalMs, Function<String, CorrelationKey> keys, java.util.function.LongSupplier bootEpochNanos) {
        this.opener = opener;
        this.stateFile = stateFile;
        this.bootIdFile = bootIdFile;
        this.host = host;
        this.sink = sink;
        this.intervalMs = intervalMs;
        this.keys = keys;
        this.bootEpochNanos = bootEpochNanos;
    }

    /** Opens the device and the state file and starts the polling thread. */
    public void start() throws IOException {
        open();
        running = true;
        thread = Thread.ofPlatform().daemon().name("ktel-kmsg").start(this::run);
    }

    /** Opens without a thread; call {@link #pollOnce()} yourself (tests, one-shot commands). */
    public void open() throws IOException {
        synchronized (lock) {
            if (reader != null) {
                return;
            }
            String bootId = KmsgReader.readBootId(bootIdFile);
            KmsgDevice device = opener.open();
            reader = new KmsgReader(device, stateFile, bootId);
            bootNanos = bootEpochNanos.getAsLong();
            classifier = new KernelEventClassifier(host, usec -> bootNanos + usec * 1000, this::deliver, keys);
            if (reader.rebootDetected()) {
                LOG.info("kmsg: boot id changed since the saved position (previous boot {}), reading the new boot's "
                        + "log from its start", reader.previousBootId());
            }
        }
    }

    private void run() {
        while (running) {
            try {
                pollOnce();
            } catch (IOException | RuntimeException e) {
                readErrors.incrementAndGet();
                LOG.warn("kmsg: {}", e.toString());
            }
            try {
                Thread.sleep(intervalMs);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Reads what is pending, classifies it and delivers the complete events. Returns the records read. */
    public int pollOnce() throws IOException {
        synchronized (lock) {
            if (reader == null) {
                throw new IllegalStateException("not open");
            }
            bootNanos = bootEpochNanos.getAsLong();
            int total = 0;
            int n;
            do {
                n = reader.poll(listener, 4096);
                total += n;
            } while (n == 4096);
            if (total == 0 && classifier.hasPending()) {
                // the log went quiet for a whole interval: the open report is complete
                classifier.flush();
            }
            return total;
        }
    }

    /** Delivers every event still being grouped (used on shutdown and by one-shot readers). */
    public void flush() {
        synchronized (lock) {
            if (classifier != null) {
                classifier.flush();
            }
        }
    }

    private final KmsgReader.Listener listener = new KmsgReader.Listener() {
        @Override
        public void record(KmsgRecord record) {
            records.incrementAndGet();
            classifier.accept(record);
        }

        @Override
        public void missed(long count, String reason, long afterSeq, long nextSeq) {
            if (count > 0) {
                missed.addAndGet(count);
            }
            classifier.flush();
            Map<String, String> a = new LinkedHashMap<>();
            a.put("count", Long.toString(count));
            a.put("reason", reason);
            if (afterSeq >= 0) {
                a.put("after_sequence", Long.toString(afterSeq));
            }
            a.put("next_sequence", Long.toString(nextSeq));
            String msg = switch (reason) {
                case "reboot" -> "host rebooted since the last read; " + count
                        + " records of this boot were already overwritten in the kernel ring buffer";
                case "overwritten" -> count + " records after sequence " + afterSeq
                        + " were overwritten in the kernel ring buffer before they could be read";
                default -> count + " kernel log records missed between sequence " + afterSeq + " and " + nextSeq;
            };
            deliver(new Event(System.currentTimeMillis() * 1_000_000L, host, "kmsg_missed", Severity.WARNING,
                    CorrelationKey.NONE, a, msg, KernelEventClassifier.SOURCE, nextSeq));
        }

        @Override
        public void parseError(ProcParseException error) {
            parseErrors.incrementAndGet();
            LOG.debug("kmsg: {}", error.getMessage());
        }
    };

    private void deliver(Event e) {
        events.incrementAndGet();
        sink.accept(e);
    }

    public long records() {
        return records.get();
    }

    public long missedRecords() {
        return missed.get();
    }

    public long parseErrors() {
        return parseErrors.get();
    }

    public long events() {
        return events.get();
    }

    public long readErrors() {
        return readErrors.get();
    }

    /** The last sequence number read, or -1. */
    public long lastSequence() {
        synchronized (lock) {
            return reader == null ? -1 : reader.lastSeq();
        }
    }

    /** Stops the thread, delivers pending events and saves the position. */
    @Override
    public void close() throws IOException {
        running = false;
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        synchronized (lock) {
            if (reader != null) {
                classifier.flush();
                reader.close();
                reader = null;
            }
        }
    }
}
