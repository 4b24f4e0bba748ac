package dev.ktel.collectors.kmsg;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ktel.core.event.Event;
import dev.ktel.core.event.Severity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Postmortem dumps in the layout the kernel's pstore file system gives them, reported once each. */
class PstoreReaderTest {
    @TempDir
    Path tmp;

    private static final String PANIC = """
            Panic#1 Part1
            <6>[  102.113221] sysrq: Trigger a crash
            <0>[  102.113388] Kernel panic - not syncing: sysrq triggered crash
            <4>[  102.113512] CPU: 1 UID: 0 PID: 2210 Comm: bash Tainted: G        W          6.18.0 #1 PREEMPT(voluntary)
            <4>[  102.113640] Call Trace:
            <4>[  102.113700]  <TASK>
            """;

    private static final String OOPS = """
            Oops#3 Part2
            [   55.000001] BUG: kernel NULL pointer dereference, address: 0000000000000008
            [   55.000120] CPU: 0 PID: 17 Comm: kworker/0:1 Not tainted 6.18.0 #1
            """;

    @Test
    void parsesHeaderLinesHeadlineAndTaint() {
        PstoreReader.Dump d = PstoreReader.parse("dmesg-ramoops-0", PANIC);
        assertThat(d.reason()).isEqualTo("Panic");
        assertThat(d.count()).isEqualTo(1);
        assertThat(d.part()).isEqualTo(1);
        assertThat(d.lines()).hasSize(5).first().isEqualTo("sysrq: Trigger a crash");
        assertThat(d.headline()).isEqualTo("Kernel panic - not syncing: sysrq triggered crash");
        assertThat(d.taint()).isEqualTo("G        W");
        PstoreReader.Dump o = PstoreReader.parse("dmesg-efi-1", OOPS);
        assertThat(o.headline()).startsWith("BUG: kernel NULL pointer dereference");
        assertThat(o.taint()).isEmpty();
        assertThat(PstoreReader.parse("dmesg-erst-9", "garbage\nmore").reason()).isEqualTo("Unknown");
    }

    @Test
    void reportsEachDumpOnceAcrossRestarts() throws Exception {
        Path pstore = Files.createDirectories(tmp.resolve("pstore"));
        Files.writeString(pstore.resolve("dmesg-ramoops-0"), PANIC);
        Files.writeString(pstore.resolve("dmesg-efi-171234"), OOPS);
        Files.writeString(pstore.resolve("console-ramoops-0"), "not a dump");
        Files.writeString(pstore.resolve("dmesg-efi-171235.enc.z"), "compressed");
        Path state = tmp.resolve("data/pstore.state");
        List<Event> got = new ArrayList<>();
        PstoreReader r = new PstoreReader(pstore, state);
        assertThat(r.report("host-a", got::add)).isEqualTo(2);
        assertThat(r.unreadable()).isEqualTo(1);
        Event panic = got.stream().filter(e -> e.type().equals("panic")).findFirst().orElseThrow();
        assertThat(panic.severity()).isEqualTo(Severity.EMERG);
        assertThat(panic.message()).contains("sysrq triggered crash");
        assertThat(panic.attribute("taint")).isEqualTo("G        W");
        assertThat(panic.attribute("log_tail")).contains("Call Trace:");
        assertThat(panic.source()).isEqualTo(PstoreReader.SOURCE);
        assertThat(got).extracting(Event::type).containsExactlyInAnyOrder("panic", "oops");

        got.clear();
        assertThat(new PstoreReader(pstore, state).report("host-a", got::add)).as("already reported").isZero();
        Files.writeString(pstore.resolve("dmesg-ramoops-1"), PANIC.replace("Panic#1", "Panic#2"));
        assertThat(new PstoreReader(pstore, state).report("host-a", got::add)).isEqualTo(1);
        assertThat(got.getFirst().attribute("dump_count")).isEqualTo("2");
    }

    @Test
    void missingDirectoryReportsNothing() throws Exception {
        assertThat(new PstoreReader(tmp.resolve("absent"), tmp.resolve("s")).report("h", e -> { })).isZero();
    }
}
