package dev.ktel.bpf.libbpf;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A BPF ring buffer map ({@code BPF_MAP_TYPE_RINGBUF}) drained by {@code ring_buffer__poll} on one named
 * daemon thread. The handler runs on that thread with a segment valid only during the call (copy what you
 * keep). A handler exception is counted and logged once, never propagated into native code.
 */
public final class BpfRingBuffer implements AutoCloseable {
    /** Receives one record; {@code data} is valid only during the call. */
    @FunctionalInterface
    public interface Handler {
        void onRecord(MemorySegment data);
    }

    private static final Logger LOG = LoggerFactory.getLogger(BpfRingBuffer.class);
    private static final int EINTR = 4;
    private static final MethodHandle CALLBACK;

    static {
        try {
            CALLBACK = MethodHandles.lookup().findVirtual(BpfRingBuffer.class, "callback",
                    MethodType.methodType(int.class, MemorySegment.class, MemorySegment.class, long.class));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final String name;
    private final Handler handler;
    private final Arena arena = Arena.ofShared();
    private final MemorySegment rb;
    private final Thread thread;
    private final AtomicLong records = new AtomicLong();
    private final AtomicLong handlerErrors = new AtomicLong();
    private volatile boolean running = true;

    private BpfRingBuffer(BpfMap map, Handler handler, int pollTimeoutMs) throws BpfException {
        this.name = map.object().name() + "/" + map.name();
        this.handler = handler;
        MemorySegment stub = Linker.nativeLinker().upcallStub(CALLBACK.bindTo(this),
                FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, JAVA_LONG), arena);
        MemorySegment r;
        int errno;
        try {
            MemorySegment state = Libbpf.callState(arena);
            r = (MemorySegment) Libbpf.RING_BUFFER_NEW.invokeExact(state, map.fd(), stub, MemorySegment.NULL,
                    MemorySegment.NULL);
            errno = Libbpf.errno(state);
        } catch (Throwable t) {
            arena.close();
            throw Libbpf.rethrow(t);
        }
        if (r.equals(MemorySegment.NULL)) {
            arena.close();
            throw new BpfException(name + ": ring_buffer__new", errno, null);
        }
        rb = r;
        thread = Thread.ofPlatform().daemon().name("ktel-bpf-ringbuf-" + map.name()).unstarted(() -> poll(pollTimeoutMs));
    }

    /** Opens the ring buffer on {@code map} and starts its polling thread; closed with the map's object. */
    public static BpfRingBuffer start(BpfMap map, Handler handler, int pollTimeoutMs) throws BpfException {
        BpfRingBuffer b = new BpfRingBuffer(map, handler, pollTimeoutMs);
        map.object().keep(b);
        b.thread.start();
        return b;
    }

    private void poll(int timeoutMs) {
        while (running) {
            int rc;
            try {
                rc = (int) Libbpf.RING_BUFFER_POLL.invokeExact(rb, timeoutMs);
            } catch (Throwable t) {
                LOG.error("{}: ring_buffer__poll failed; stopping", name, t);
                return;
            }
            if (rc < 0 && rc != -EINTR) {
                LOG.error("{}: ring_buffer__poll: {}; stopping", name, Libbpf.strerror(-rc));
                return;
            }
        }
    }

    @SuppressWarnings("unused") // upcall target
    private int callback(MemorySegment ctx, MemorySegment data, long size) {
        try {
            records.incrementAndGet();
            handler.onRecord(data.reinterpret(size));
        } catch (Throwable t) {
            if (handlerErrors.getAndIncrement() == 0) {
                LOG.error("{}: record handler failed (logged once, counted after)", name, t);
            }
        }
        return 0;
    }

    public long records() {
        return records.get();
    }

    public long handlerErrors() {
        return handlerErrors.get();
    }

    @Override
    public synchronized void close() {
        if (!running) {
            return;
        }
        running = false;
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            Libbpf.RING_BUFFER_FREE.invokeExact(rb);
        } catch (Throwable t) {
            throw Libbpf.rethrow(t);
        } finally {
            arena.close();
        }
    }
}
