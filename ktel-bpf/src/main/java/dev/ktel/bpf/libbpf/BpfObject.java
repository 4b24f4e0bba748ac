package dev.ktel.bpf.libbpf;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One BPF ELF object ({@code struct bpf_object}): open, configure (autoload, .rodata), load, attach, close.
 *
 * <p>A program that the verifier (or libbpf's preparation, e.g. a missing tp_btf hook) rejects does not stop
 * the others: libbpf loads an object all or nothing, so {@link #load} finds the failing program in libbpf's
 * log, records a {@link ProgramFailure} with the log excerpt, reopens the object with that program's
 * autoload off, runs the {@link Configurer} again and retries. Attach failures are per program anyway
 * ({@link #attachAll}).
 *
 * <p>Closing the object closes its links, ring buffers and the native object. Objects still open at JVM
 * exit are closed by a shutdown hook.
 */
public final class BpfObject implements AutoCloseable {
    /** Configures a freshly opened object (autoload, .rodata); run again after each reopen. */
    @FunctionalInterface
    public interface Configurer {
        void configure(BpfObject object) throws BpfException;
    }

    /** A program that could not be loaded or attached; {@code log} is libbpf's log excerpt (verifier log). */
    public record ProgramFailure(String program, String stage, String message, String log) {
    }

    private static final Pattern FAILED_PROG = Pattern.compile("prog '([^']+)': (?:failed to load|BPF program load failed"
            + "|failed to prepare load attributes|failed to find)");
    private static final int LOG_EXCERPT_LINES = 40;
    private static final Set<BpfObject> OPEN = Collections.synchronizedSet(new LinkedHashSet<>());

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(BpfObject::closeAllOpen, "ktel-bpf-shutdown"));
    }

    private final String name;
    private final byte[] elf;
    private final Configurer configurer;
    private final Set<String> disabled = new LinkedHashSet<>();
    private final List<ProgramFailure> failures = new ArrayList<>();
    private final List<AutoCloseable> owned = new ArrayList<>();
    private Arena arena;
    private MemorySegment obj;
    private final Map<String, BpfProgram> programs = new LinkedHashMap<>();
    private boolean loaded;

    private BpfObject(String name, byte[] elf, Configurer configurer) {
        this.name = name;
        this.elf = elf;
        this.configurer = configurer;
    }

    /** Opens the ELF bytes (e.g. a class-path resource) and runs {@code configurer}; does not load. */
    public static BpfObject open(String name, byte[] elf, Configurer configurer) throws BpfException {
        String why = Libbpf.unavailableReason();
        if (why != null) {
            throw new BpfException(name + ": " + why, 0, null);
        }
        BpfObject o = new BpfObject(name, elf.clone(), configurer == null ? x -> { } : configurer);
        o.openNative();
        OPEN.add(o);
        return o;
    }

    public String name() {
        return name;
    }

    private void openNative() throws BpfException {
        arena = Arena.ofShared();
        // libbpf keeps pointing at the ELF buffer until load: it lives in the object's arena
        MemorySegment buf = arena.allocate(elf.length, 8);
        MemorySegment.copy(elf, 0, buf, ValueLayout.JAVA_BYTE, 0, elf.length);
        MemorySegment o;
        int errno;
        Libbpf.capture();
        String log;
        try {
            MemorySegment state = Libbpf.callState(arena);
            // struct bpf_object_open_opts: only sz and object_name (libbpf zero-fills the fields past sz)
            MemorySegment opts = arena.allocate(16, 8);
            opts.set(ValueLayout.JAVA_LONG, 0, 16);
            opts.set(ValueLayout.ADDRESS, 8, arena.allocateFrom(name));
            o = (MemorySegment) Libbpf.OBJECT_OPEN_MEM.invokeExact(state, buf, (long) elf.length, opts);
            errno = Libbpf.errno(state);
        } catch (Throwable t) {
            throw Libbpf.rethrow(t);
        } finally {
            log = Libbpf.endCapture();
        }
        if (o.equals(MemorySegment.NULL)) {
            arena.close();
            throw new BpfException(name + ": bpf_object__open_mem", errno, excerpt(log));
        }
        obj = o;
        programs.clear();
        try {
            MemorySegment p = MemorySegment.NULL;
            while (true) {
                p = (MemorySegment) Libbpf.OBJECT_NEXT_PROGRAM.invokeExact(obj, p);
                if (p.equals(MemorySegment.NULL)) {
                    break;
                }
                BpfProgram prog = new BpfProgram(this, p);
                programs.put(prog.name(), prog);
            }
        } catch (Throwable t) {
            throw Libbpf.rethrow(t);
        }
        configurer.configure(this);
        for (String d : disabled) {
            programs.get(d).setAutoload(false);
        }
    }

    public List<BpfProgram> programs() {
        return List.copyOf(programs.values());
    }

    public BpfProgram program(String programName) {
        BpfProgram p = programs.get(programName);
        if (p == null) {
            throw new IllegalArgumentException(name + ": no program " + programName + " (has " + programs.keySet() + ")");
        }
        return p;
    }

    /** A map by name (e.g. {@code .rodata} or a map from the {@code .maps} section). */
    public BpfMap map(String mapName) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment m = (MemorySegment) Libbpf.OBJECT_FIND_MAP.invokeExact(obj, a.allocateFrom(mapName));
            if (m.equals(MemorySegment.NULL)) {
                throw new IllegalArgumentException(name + ": no map " + mapName);
            }
            return new BpfMap(this, mapName, m);
        } catch (IllegalArgumentException e) {
            throw e;
        } catch (Throwable t) {
            throw Libbpf.rethrow(t);
        }
    }

    /**
     * Loads every program with autoload on. A program that fails is recorded in {@link #failures()} and
     * the others are loaded. Throws only when nothing could be loaded or the failure names no program.
     */
    public void load() throws BpfException {
        while (true) {
            int rc;
            Libbpf.capture();
            String log;
            try {
                rc = (int) Libbpf.OBJECT_LOAD.invokeExact(obj);
            } catch (Throwable t) {
                throw Libbpf.rethrow(t);
            } finally {
                log = Libbpf.endCapture();
            }
            if (rc == 0) {
                loaded = true;
                return;
            }
            String failed = failedProgram(log);
            if (failed == null || disabled.contains(failed) || !programs.containsKey(failed)) {
                throw new BpfException(name + ": bpf_object__load", -rc, excerpt(log));
            }
            failures.add(new ProgramFailure(failed, "load", Libbpf.strerror(-rc) + " (errno " + -rc + ")",
                    excerpt(log)));
            disabled.add(failed);
            closeNative();
            openNative();
            if (programs.values().stream().noneMatch(BpfProgram::autoload)) {
                throw new BpfException(name + ": every program failed to load", -rc, excerpt(log));
            }
        }
    }

    /** The name of the program libbpf's log says failed, or null. */
    static String failedProgram(String log) {
        Matcher m = FAILED_PROG.matcher(log);
        return m.find() ? m.group(1) : null;
    }

    /** The last lines of a log: the verifier's verdict is at the end. */
    static String excerpt(String log) {
        String[] lines = log.split("\n");
        int from = Math.max(0, lines.length - LOG_EXCERPT_LINES);
        return String.join("\n", java.util.Arrays.copyOfRange(lines, from, lines.length));
    }

    /**
     * Attaches every loaded program; a failure is recorded in {@link #failures()} and the rest go on.
     * Returns the links that were made.
     */
    public List<BpfLink> attachAll() {
        requireLoaded();
        List<BpfLink> links = new ArrayList<>();
        for (BpfProgram p : programs.values()) {
            if (!p.autoload()) {
                continue;
            }
            try {
                links.add(p.attach());
            } catch (BpfException e) {
                failures.add(new ProgramFailure(p.name(), "attach",
                        e.errno() != 0 ? Libbpf.strerror(e.errno()) + " (errno " + e.errno() + ")" : e.getMessage(),
                        excerpt(e.log())));
            }
        }
        return links;
    }

    /** Programs that failed to load or attach, in order. */
    public List<ProgramFailure> failures() {
        return List.copyOf(failures);
    }

    public boolean isLoaded() {
        return loaded;
    }

    void requireLoaded() {
        if (!loaded || obj == null) {
            throw new IllegalStateException(name + ": not loaded");
        }
    }

    Arena arena() {
        return arena;
    }

    MemorySegment handle() {
        return obj;
    }

    synchronized void keep(AutoCloseable c) {
        owned.add(c);
    }

    private synchronized void closeNative() {
        for (int i = owned.size() - 1; i >= 0; i--) {
            try {
                owned.get(i).close();
            } catch (Exception ignored) {
                // keep closing the rest
            }
        }
        owned.clear();
        if (obj != null) {
            try {
                Libbpf.OBJECT_CLOSE.invokeExact(obj);
            } catch (Throwable t) {
                throw Libbpf.rethrow(t);
            } finally {
                obj = null;
                loaded = false;
            }
        }
        if (arena != null) {
            arena.close();
            arena = null;
        }
    }

    @Override
    public void close() {
        OPEN.remove(this);
        closeNative();
    }

    private static void closeAllOpen() {
        List<BpfObject> all;
        synchronized (OPEN) {
            all = new ArrayList<>(OPEN);
        }
        for (BpfObject o : all) {
            try {
                o.close();
            } catch (RuntimeException ignored) {
                // shutting down
            }
        }
    }
}
