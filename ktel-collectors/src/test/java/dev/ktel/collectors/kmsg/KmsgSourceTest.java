package dev.ktel.collectors.kmsg;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ktel.core.event.CorrelationKey;
import dev.ktel.core.event.Event;
import dev.ktel.core.event.Severity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KmsgSourceTest {
    static final long BOOT_EPOCH_NANOS = 1_800_000_000_000_000_000L;

    @TempDir
    Path dir;

    private KmsgSource source(FakeKmsgDevice dev, List<Event> out, String bootId) throws IOException {
        Path bootIdFile = dir.resolve("boot_id");
        Files.writeString(bootIdFile, bootId + "\n");
        return new KmsgSource(() -> dev, dir.resolve("state/kmsg.state"), bootIdFile, "node-1", out::add, 20,
                path -> new CorrelationKey(path, "c0ffee", "docker", null, null, null, null, null),
                () -> BOOT_EPOCH_NANOS);
    }

    @Test
    void classifiesSetsHostAndWallClockAndSavesStateOnClose() throws Exception {
        List<Event> out = new CopyOnWriteArrayList<>();
        FakeKmsgDevice dev = new FakeKmsgDevice()
                .add("6,891,1759356120,-;cgroup: fork rejected by pids controller in /docker/c0ffee\n")
                .add("6,892,1759356200,-;ACPI: Interpreter enabled\n SUBSYSTEM=acpi\n");
        KmsgSource src = source(dev, out, KmsgReaderTest.BOOT_A);
        src.start();
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (out.size() < 2 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        src.close();
        assertThat(out).hasSize(2);
        Event e = out.getFirst();
        assertThat(e.type()).isEqualTo("pids_fork_rejected");
        assertThat(e.host()).isEqualTo("node-1");
        assertThat(e.source()).isEqualTo("kmsg");
        assertThat(e.sequence()).isEqualTo(891);
        assertThat(e.timestampNanos()).isEqualTo(BOOT_EPOCH_NANOS + 1_759_356_120_000L);
        assertThat(e.key().cgroup()).isEqualTo("/docker/c0ffee");
        assertThat(e.key().containerId()).isEqualTo("c0ffee");
        assertThat(out.get(1).type()).isEqualTo("log");
        assertThat(out.get(1).severity()).isEqualTo(Severity.INFO);
        assertThat(out.get(1).attribute("subsystem")).isEqualTo("acpi");
        assertThat(src.records()).isEqualTo(2);
        assertThat(src.events()).isEqualTo(2);
        assertThat(dev.closed).isTrue();
        assertThat(Files.readString(dir.resolve("state/kmsg.state"))).startsWith("seq=892\n");
    }

    @Test
    void reportIsDeliveredWhenTheLogGoesQuiet() throws IOException {
        List<Event> out = new CopyOnWriteArrayList<>();
        FakeKmsgDevice dev = new FakeKmsgDevice()
                .add("4,10,5000000,-;INFO: task kworker/0:1:42 blocked for more than 120 seconds.\n")
                .add("3,11,5000010,-;      Not tainted 6.18.44 #1\n");
        KmsgSource src = source(dev, out, KmsgReaderTest.BOOT_A);
        src.open();
        assertThat(src.pollOnce()).isEqualTo(2);
        assertThat(out).isEmpty(); // the report may go on
        dev.add("3,12,5000020,-;task:kworker/0:1 state:D stack:0 pid:42 tgid:42 ppid:2 flags:0x4000\n");
        src.pollOnce();
        assertThat(out).isEmpty();
        assertThat(src.pollOnce()).isZero();
        assertThat(out).singleElement().satisfies(e -> {
            assertThat(e.type()).isEqualTo("hung_task");
            assertThat(e.attribute("pid")).isEqualTo("42");
            assertThat(e.attribute("state")).isEqualTo("D");
            assertThat(e.severity()).isEqualTo(Severity.ERR);
            assertThat(e.message()).contains("blocked for more than 120 seconds").contains("state:D");
        });
        src.close();
    }

    @Test
    void restartDoesNotReemitAndRebootEmitsMissed() throws IOException {
        List<Event> out = new CopyOnWriteArrayList<>();
        KmsgSource first = source(new FakeKmsgDevice().rec(1, "nf_conntrack: table full, dropping packet"), out,
                KmsgReaderTest.BOOT_A);
        first.open();
        first.pollOnce();
        first.close();
        assertThat(out).extracting(Event::type).containsExactly("conntrack_full");

        out.clear();
        KmsgSource second = source(new FakeKmsgDevice().rec(1, "nf_conntrack: table full, dropping packet")
                .rec(2, "TCP: request_sock_TCP: Possible SYN flooding on port 80. Sending cookies."), out,
                KmsgReaderTest.BOOT_A);
        second.open();
        second.pollOnce();
        second.close();
        assertThat(out).extracting(Event::type).containsExactly("syn_flood");

        out.clear();
        KmsgSource third = source(new FakeKmsgDevice().rec(5, "boot line"), out, KmsgReaderTest.BOOT_B);
        third.open();
        third.pollOnce();
        third.close();
        assertThat(out).extracting(Event::type).containsExactly("kmsg_missed", "log");
        Event missed = out.getFirst();
        assertThat(missed.attribute("reason")).isEqualTo("reboot");
        assertThat(missed.attribute("count")).isEqualTo("5");
        assertThat(missed.severity()).isEqualTo(Severity.WARNING);
        assertThat(third.missedRecords()).isEqualTo(5);
    }

    @Test
    void gapsAndParseErrorsAreCounted() throws IOException {
        List<Event> out = new CopyOnWriteArrayList<>();
        KmsgSource src = source(new FakeKmsgDevice().rec(1, "a").add(FakeKmsgDevice.EPIPE).add("bad record\n")
                .rec(9, "b"), out, KmsgReaderTest.BOOT_A);
        src.open();
        src.pollOnce();
        src.close();
        assertThat(src.missedRecords()).isEqualTo(7);
        assertThat(src.parseErrors()).isEqualTo(1);
        assertThat(out).extracting(Event::type).containsExactly("log", "kmsg_missed", "log");
        assertThat(out.get(1).attribute("reason")).isEqualTo("gap");
        assertThat(out.get(1).attribute("after_sequence")).isEqualTo("1");
        assertThat(out.get(1).attribute("next_sequence")).isEqualTo("9");
    }
}
