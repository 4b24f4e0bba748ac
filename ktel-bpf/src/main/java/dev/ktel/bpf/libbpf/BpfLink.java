package dev.ktel.bpf.libbpf;

import java.lang.foreign.MemorySegment;

/** An attached program ({@code struct bpf_link}); closing detaches it. */
public final class BpfLink implements AutoCloseable {
    private final String program;
    private MemorySegment link;

    BpfLink(String program, MemorySegment link) {
        this.program = program;
        this.link = link;
    }

    public String program() {
        return program;
    }

    public boolean isOpen() {
        return link != null;
    }

    @Override
    public synchronized void close() {
        if (link == null) {
            return;
        }
        try {
            int unused = (int) Libbpf.LINK_DESTROY.invokeExact(link);
        } catch (Throwable t) {
            throw Libbpf.rethrow(t);
        } finally {
            link = null;
        }
    }
}
