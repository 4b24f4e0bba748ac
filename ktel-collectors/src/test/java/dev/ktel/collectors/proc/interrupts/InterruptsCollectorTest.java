package dev.ktel.collectors.proc.interrupts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ktel.collectors.CollectorRegistry;
import dev.ktel.collectors.testing.Collect;
import dev.ktel.collectors.testing.NodeExporterGolden;
import dev.ktel.collectors.testing.SharedFixtures;
import dev.ktel.core.metric.SampleRecorder;
import dev.ktel.core.text.ParseErrors;
import dev.ktel.core.text.ProcParseException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InterruptsCollectorTest {
    private static final String HEADER = "           CPU0       CPU1       \n";

    private static Interrupts parse(String text, List<ProcParseException> errors) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        Interrupts in = new Interrupts();
        new InterruptsParser().parse("/proc/interrupts", b, b.length, in, errors::add);
        return in;
    }

    @Test
    void splitsNumberedAndNamedRowsLikeNodeExporter() {
        List<ProcParseException> errors = new ArrayList<>();
        Interrupts in = parse(HEADER
                + " 24:          1          0  IO-APIC   5-edge      ACPI:Ged\n"
                + " 16:     328511          9  IR-IO-APIC-fasteoi   ehci_hcd:usb1, mmc0\n"
                + "NMI:          0          1   Non-maskable interrupts\n"
                + "IPI0:12       34       Rescheduling interrupts\n"
                + "ERR:          0\n"
                + "MIS:          0\n", errors);
        assertThat(errors).isEmpty();
        assertThat(in.rows).isEqualTo(4);
        assertThat(in.type[0]).isEqualTo("24");
        assertThat(in.info[0]).isEqualTo("IO-APIC");
        assertThat(in.devices[0]).isEqualTo("5-edge ACPI:Ged");
        assertThat(in.devices[1]).isEqualTo("ehci_hcd:usb1, mmc0");
        assertThat(in.counts[1 * 2]).isEqualTo(328511);
        assertThat(in.type[2]).isEqualTo("NMI");
        assertThat(in.info[2]).isEqualTo("Non-maskable interrupts");
        assertThat(in.devices[2]).isEmpty();
        assertThat(in.type[3]).isEqualTo("IPI0");
        assertThat(in.counts[3 * 2]).isEqualTo(12);
        assertThat(in.counts[3 * 2 + 1]).isEqualTo(34);
    }

    @Test
    void malformedCountIsReportedAndTheRowSkipped() {
        List<ProcParseException> errors = new ArrayList<>();
        Interrupts in = parse(HEADER + "  0:   18  x  IO-APIC 2-edge timer\nLOC:  5  6  Local timer interrupts\n"
                + "garbage without colon\n", errors);
        assertThat(errors).hasSize(2);
        assertThat(errors.get(0)).hasMessageStartingWith(
                "/proc/interrupts:2: CPU column 2: expected unsigned integer, got \"x\"");
        assertThat(errors.get(1)).hasMessageStartingWith("/proc/interrupts:4: line: expected NAME: counts");
        assertThat(in.rows).isEqualTo(1);
        assertThat(in.type[0]).isEqualTo("LOC");
    }

    @Test
    void disabledByDefaultLikeNodeExporter() {
        assertThat(CollectorRegistry.discover().find("interrupts").orElseThrow().enabledByDefault()).isFalse();
    }

    @Test
    void capturedFixture() throws Exception {
        SampleRecorder rec = Collect.once(new InterruptsCollector.Factory(), Collect.captured("debian12-linux6.18"));
        assertThat(rec.value("node_interrupts_total", "cpu", "0", "type", "24", "info", "IO-APIC",
                "devices", "5-edge ACPI:Ged")).contains(1.0);
        assertThat(rec.value("node_interrupts_total", "cpu", "1", "type", "LOC")).isPresent();
    }

    @Test
    void nodeExporterFixtureMatchesGolden() throws Exception {
        SampleRecorder rec = Collect.once(new InterruptsCollector.Factory(), SharedFixtures.nodeExporter());
        NodeExporterGolden.load().assertFamiliesMatch(rec, "node_interrupts_total");
    }

    @Test
    void nameFilterAndZeroOption() throws Exception {
        SampleRecorder rec = Collect.once(new InterruptsCollector.Factory(), SharedFixtures.nodeExporter(),
                Map.of("name-include", "^(LOC|NMI|RTR);", "include-zeros", "false"), ParseErrors.THROW);
        assertThat(rec.samples("node_interrupts_total")).isNotEmpty()
                .allSatisfy(s -> assertThat(s.label("type")).isIn("LOC", "NMI"))
                .allSatisfy(s -> assertThat(s.value()).isPositive());
    }

    @Test
    void procfsFixtureParses() throws Exception {
        SampleRecorder rec = Collect.once(new InterruptsCollector.Factory(), SharedFixtures.procfs());
        assertThat(rec.value("node_interrupts_total", "cpu", "1", "type", "4", "info", "IO-APIC",
                "devices", "4-edge ttyS0")).contains(1443.0);
    }
}
