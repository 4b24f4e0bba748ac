package dev.ktel.bpf.probe.net;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ktel.bpf.KernelAssumptions;
import dev.ktel.bpf.ProbeSelfCollector;
import dev.ktel.collectors.Collector;
import dev.ktel.collectors.CollectorContext;
import dev.ktel.core.io.HostPaths;
import dev.ktel.core.metric.SampleRecorder;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Real kernel: UDP datagrams to a closed loopback port are dropped with reason NO_SOCKET. */
@Tag("bpf")
class NetDropsCollectorKernelTest {
    private static final int N = 50;

    @Test
    void udpToAClosedPortCountsAsNoSocketDrops() throws Exception {
        KernelAssumptions.assumeBpf(NetDropsCollector.OBJECT);
        CollectorContext ctx = CollectorContext.forTest("ebpf_net", HostPaths.host());
        try (Collector c = NetDropsCollector.Factory.create(ctx, Path.of("/sys/kernel/btf/vmlinux"),
                Path.of("/proc/self/status"), getClass().getClassLoader())) {
            NetDropsCollector n = (NetDropsCollector) c;
            assertThat(n.attached()).as(n.failures().toString()).isTrue();
            int closedPort;
            try (DatagramSocket probe = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
                closedPort = probe.getLocalPort();
            }
            double before = drops(collect(c), "NO_SOCKET");
            try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
                byte[] b = new byte[8];
                for (int i = 0; i < N; i++) {
                    s.send(new DatagramPacket(b, b.length, InetAddress.getLoopbackAddress(), closedPort));
                }
            }
            SampleRecorder after = collect(c);
            assertThat(drops(after, "NO_SOCKET") - before).isGreaterThanOrEqualTo(N);
            assertThat(after.value("ktel_tcp_retransmits_total")).isPresent();
            assertThat(after.value("ktel_probe_up", "probe", "net_drops")).contains(1.0);
        }
    }

    private static SampleRecorder collect(Collector c) throws Exception {
        SampleRecorder r = new SampleRecorder();
        c.collect(r);
        new ProbeSelfCollector().collect(r); // ktel_probe_up etc. for all probes
        return r;
    }

    private static double drops(SampleRecorder r, String reason) {
        return r.value("ktel_skb_drops_total", "reason", reason).orElse(0.0);
    }
}
