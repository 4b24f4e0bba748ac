package dev.ktel.bpf.libbpf;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/** One program of a {@link BpfObject} ({@code struct bpf_program}); owned by the object. */
public final class BpfProgram {
    private final BpfObject object;
    private final MemorySegment prog;
    private final String name;
    private final String section;

    BpfProgram(BpfObject object, MemorySegment prog) {
        this.object = object;
        this.prog = prog;
        try {
            this.name = Libbpf.cString((MemorySegment) Libbpf.PROGRAM_NAME.invokeExact(prog));
            this.section = Libbpf.cString((MemorySegment) Libbpf.PROGRAM_SECTION.invokeExact(prog));
        } catch (Throwable t) {
            throw Libbpf.rethrow(t);
        }
    }

    public String name() {
        return name;
    }

    /** The ELF section, e.g. {@code raw_tp/sys_enter}: the attach point. */
    public String section() {
        return section;
    }

    public boolean autoload() {
        try {
            return (boolean) Libbpf.PROGRAM_AUTOLOAD.invokeExact(prog);
        } catch (Throwable t) {
            throw Libbpf.rethrow(t);
        }
    }

    /** Before load only: whether this program is loaded at all. */
    public void setAutoload(boolean autoload) throws BpfException {
        int rc;
        try {
            rc = (int) Libbpf.PROGRAM_SET_AUTOLOAD.invokeExact(prog, autoload);
        } catch (Throwable t) {
            throw Libbpf.rethrow(t);
        }
        if (rc < 0) {
            throw new BpfException(object.name() + ": set_autoload(" + name + ")", -rc, null);
        }
    }

    /** The program's fd after load, or -1. */
    public int fd() {
        try {
            return (int) Libbpf.PROGRAM_FD.invokeExact(prog);
        } catch (Throwable t) {
            throw Libbpf.rethrow(t);
        }
    }

    /** Attaches by section name (libbpf's auto-attach); the link is also kept by the object and closed with it. */
    public BpfLink attach() throws BpfException {
        object.requireLoaded();
        MemorySegment link;
        int errno;
        Libbpf.capture();
        String log;
        try (Arena a = Arena.ofConfined()) {
            MemorySegment state = Libbpf.callState(a);
            link = (MemorySegment) Libbpf.PROGRAM_ATTACH.invokeExact(state, prog);
            errno = Libbpf.errno(state);
        } catch (Throwable t) {
            throw Libbpf.rethrow(t);
        } finally {
            log = Libbpf.endCapture();
        }
        if (link.equals(MemorySegment.NULL)) {
            throw new BpfException(object.name() + ": attach " + name + " (" + section + ")", errno, log);
        }
        BpfLink l = new BpfLink(name, link);
        object.keep(l);
        return l;
    }

    /** struct bpf_prog_info (uapi): 232 bytes in the headers this was built against; fields used below. */
    private static final int PROG_INFO_SIZE = 232;
    private static final long RUN_TIME_NS_OFFSET = 192;
    private static final long RUN_CNT_OFFSET = 200;

    /**
     * The kernel's run statistics of this loaded program into {@code out} ([0] run time ns, [1] run count);
     * they only advance while BPF stats are on ({@link Libbpf#enableRunStats}).
     */
    public void runStats(long[] out) throws BpfException {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment info = a.allocate(PROG_INFO_SIZE, 8);
            MemorySegment len = a.allocate(java.lang.foreign.ValueLayout.JAVA_INT);
            len.set(java.lang.foreign.ValueLayout.JAVA_INT, 0, PROG_INFO_SIZE);
            int rc = (int) Libbpf.OBJ_GET_INFO_BY_FD.invokeExact(fd(), info, len);
            if (rc < 0) {
                throw new BpfException(object.name() + ": bpf_obj_get_info_by_fd(" + name + ")", -rc, null);
            }
            out[0] = info.get(java.lang.foreign.ValueLayout.JAVA_LONG, RUN_TIME_NS_OFFSET);
            out[1] = info.get(java.lang.foreign.ValueLayout.JAVA_LONG, RUN_CNT_OFFSET);
        } catch (BpfException e) {
            throw e;
        } catch (Throwable t) {
            throw Libbpf.rethrow(t);
        }
    }
}
