package dev.ktel.bpf.probe.syscall;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SyscallGroupsTest {

    @Test
    void shippedTableMapsKnownSyscalls() {
        SyscallGroups g = SyscallGroups.x86_64();
        assertThat(SyscallGroups.NAMES.get(g.group(0))).isEqualTo("file_io");
        assertThat(g.name(0)).isEqualTo("read");
        assertThat(SyscallGroups.NAMES.get(g.group(110))).isEqualTo("process");
        assertThat(g.name(110)).isEqualTo("getppid");
        assertThat(SyscallGroups.NAMES.get(g.group(202))).isEqualTo("sync");
        assertThat(SyscallGroups.NAMES.get(g.group(232))).isEqualTo("poll"); // epoll_wait
        assertThat(SyscallGroups.NAMES.get(g.group(44))).isEqualTo("network"); // sendto
        assertThat(SyscallGroups.NAMES.get(g.group(257))).isEqualTo("fs_metadata"); // openat
        assertThat(SyscallGroups.NAMES.get(g.group(9))).isEqualTo("memory"); // mmap
        assertThat(SyscallGroups.NAMES.get(g.group(230))).isEqualTo("time"); // clock_nanosleep
        assertThat(SyscallGroups.NAMES.get(g.group(13))).isEqualTo("signal"); // rt_sigaction
        assertThat(SyscallGroups.NAMES.get(g.group(22))).isEqualTo("ipc"); // pipe
        assertThat(g.group(318)).isZero(); // getrandom: other
        assertThat(g.group(-1)).isZero();
        assertThat(g.group(100_000)).isZero();
        assertThat(SyscallGroups.NAMES).hasSizeLessThanOrEqualTo(SyscallLatencyProbe.GROUPS);
    }

    @Test
    void malformedLinesNameFileLineAndField() {
        assertThatThrownBy(() -> parse("# c\n0 read file_io\n1 write\n"))
                .hasMessage("t.txt:3: expected \"nr name group\", got \"1 write\"");
        assertThatThrownBy(() -> parse("x read file_io\n"))
                .hasMessage("t.txt:1: field 1 (nr): expected integer, got \"x\"");
        assertThatThrownBy(() -> parse("600 read file_io\n"))
                .hasMessage("t.txt:1: field 1 (nr): out of range 0..511, got 600");
        assertThatThrownBy(() -> parse("0 read disk\n"))
                .hasMessage("t.txt:1: field 3 (group): unknown group \"disk\"");
    }

    private static SyscallGroups parse(String text) throws Exception {
        return SyscallGroups.parse("t.txt", new ByteArrayInputStream(text.getBytes(StandardCharsets.US_ASCII)));
    }
}
