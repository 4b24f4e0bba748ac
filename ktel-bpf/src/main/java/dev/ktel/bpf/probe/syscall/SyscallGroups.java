package dev.ktel.bpf.probe.syscall;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The documented mapping of x86_64 system call numbers to the {@code group} label of
 * {@code ktel_syscall_latency_seconds}, read from {@code syscalls-x86_64.txt} (lines {@code nr name group})
 * and loaded into the BPF map {@code syscall_group}. Unlisted numbers are group 0 ("other").
 */
public final class SyscallGroups {
    /** Label values; the index is the group id in the BPF maps. At most 16 (KTEL_SYSCALL_GROUPS). */
    public static final List<String> NAMES = List.of("other", "file_io", "fs_metadata", "network", "poll", "memory",
            "process", "sync", "time", "signal", "ipc");
    /** KTEL_SYSCALL_NR_MAX in syscall_latency.h. */
    public static final int NR_MAX = 512;
    static final String RESOURCE = "syscalls-x86_64.txt";

    private final int[] groupOfNr = new int[NR_MAX];
    private final String[] nameOfNr = new String[NR_MAX];

    private SyscallGroups() {
    }

    public static SyscallGroups x86_64() {
        try (InputStream in = SyscallGroups.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " missing from the class path");
            }
            return parse(RESOURCE, in);
        } catch (IOException e) {
            throw new IllegalStateException(RESOURCE + ": " + e.getMessage(), e);
        }
    }

    static SyscallGroups parse(String file, InputStream in) throws IOException {
        SyscallGroups g = new SyscallGroups();
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII));
        String line;
        int lineNo = 0;
        while ((line = r.readLine()) != null) {
            lineNo++;
            line = line.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\\s+");
            if (f.length != 3) {
                throw new IllegalArgumentException(file + ":" + lineNo + ": expected \"nr name group\", got \"" + line + "\"");
            }
            int nr;
            try {
                nr = Integer.parseInt(f[0]);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(file + ":" + lineNo + ": field 1 (nr): expected integer, got \"" + f[0] + "\"");
            }
            if (nr < 0 || nr >= NR_MAX) {
                throw new IllegalArgumentException(file + ":" + lineNo + ": field 1 (nr): out of range 0.." + (NR_MAX - 1) + ", got " + nr);
            }
            int group = NAMES.indexOf(f[2]);
            if (group < 0) {
                throw new IllegalArgumentException(file + ":" + lineNo + ": field 3 (group): unknown group \"" + f[2] + "\"");
            }
            g.groupOfNr[nr] = group;
            g.nameOfNr[nr] = f[1];
        }
        return g;
    }

    public int group(int nr) {
        return nr >= 0 && nr < NR_MAX ? groupOfNr[nr] : 0;
    }

    /** The syscall's name, or null when unlisted. */
    public String name(int nr) {
        return nr >= 0 && nr < NR_MAX ? nameOfNr[nr] : null;
    }
}
