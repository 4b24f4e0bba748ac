package dev.ktel.bpf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BpfSupportTest {

    @Test
    void parsesEffectiveCapabilities() {
        long caps = BpfSupport.effectiveCapabilities(List.of("Name:\tjava", "CapInh:\t0000000000000000",
                "CapEff:\t000001ffffffffff", "CapBnd:\t000001ffffffffff"));
        assertThat(caps).isEqualTo(0x1ffffffffffL);
        assertThatThrownBy(() -> BpfSupport.effectiveCapabilities(List.of("Name:\tjava")))
                .hasMessageContaining("CapEff");
    }

    @Test
    void withoutCapabilitiesTheReasonSaysWhatToGrant(@TempDir Path dir) throws Exception {
        Path status = dir.resolve("status");
        Files.writeString(status, "CapEff:\t0000000000000000\n");
        Path btf = dir.resolve("vmlinux");
        Files.writeString(btf, "x");
        assertThat(BpfSupport.hostUnavailableReason(btf, status)).contains("CAP_BPF").contains("CAP_SYS_ADMIN");
        assertThat(BpfSupport.hostUnavailableReason(dir.resolve("missing"), status))
                .contains("missing does not exist").contains("BTF");
    }

    @Test
    void missingObjectWithoutMarkerGivesTheGenericReason(@TempDir Path dir) throws Exception {
        try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, null)) {
            assertThatThrownBy(() -> BpfSupport.object(loader, "syscall_latency"))
                    .hasMessage("not built (install clang, libbpf-dev, bpftool)");
        }
    }

    /** The build's skip path: no clang -> exit 0, no objects, and the probes report the reason at run time. */
    @Test
    void buildWithoutClangSkipsWithTheReason(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("classes/bpf");
        ProcessBuilder p = new ProcessBuilder("bash", Path.of("src/main/bpf/build-bpf.sh").toString(), "src/main/bpf",
                out.toString(), dir.resolve("work").toString())
                .redirectErrorStream(true);
        p.environment().put("CLANG", "ktel-no-such-clang");
        Process proc = p.start();
        String output = new String(proc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(proc.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(proc.exitValue()).as(output).isZero();
        assertThat(output).contains("BPF programs NOT built: ktel-no-such-clang not found");
        try (var files = Files.list(out)) {
            assertThat(files.map(f -> f.getFileName().toString())).containsExactly("BUILD-SKIPPED.txt");
        }
        try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.resolve("classes").toUri().toURL()}, null)) {
            assertThatThrownBy(() -> BpfSupport.object(loader, "syscall_latency"))
                    .hasMessage("not built: ktel-no-such-clang not found (install clang, libbpf-dev, bpftool)");
        }
    }
}
