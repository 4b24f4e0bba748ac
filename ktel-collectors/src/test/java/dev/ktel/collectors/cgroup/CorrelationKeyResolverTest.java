package dev.ktel.collectors.cgroup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ktel.core.event.CorrelationKey;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CorrelationKeyResolverTest {
    private static final String ID = "4f1c0b9e0c8d2a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3";
    private static final String ID2 = "a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90";

    // path | container id | runtime | pod uid | qos | container name (systemd unit)
    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
        "/|-|-|-|-|-",
        "/docker/" + ID + "|" + ID + "|docker|-|-|-",
        "/system.slice/docker-" + ID + ".scope|" + ID + "|docker|-|-|-",
        "/docker/" + ID + "/docker/" + ID2 + "|" + ID2 + "|docker|-|-|-",
        "/system.slice/containerd.service|-|systemd|-|-|containerd.service",
        "/system.slice/ssh.service|-|systemd|-|-|ssh.service",
        "/user.slice/user-1000.slice/session-3.scope|-|systemd|-|-|session-3.scope",
        "/user.slice/user-1000.slice|-|systemd|-|-|user-1000.slice",
        "/init.scope|-|systemd|-|-|init.scope",
        "/machine.slice/libpod-" + ID + ".scope|" + ID + "|podman|-|-|-",
        "/machine.slice/libpod-" + ID + ".scope/container|" + ID + "|podman|-|-|-",
        "/user.slice/user-1000.slice/user@1000.service/user.slice/libpod-" + ID + ".scope|" + ID + "|podman|-|-|-",
        "/machine.slice/libpod-conmon-" + ID + ".scope|-|systemd|-|-|libpod-conmon-" + ID + ".scope",
        "/kubepods/burstable/pod0f3c1a2b-4d5e-6f70-8192-a3b4c5d6e7f8/" + ID + "|" + ID
                + "|-|0f3c1a2b-4d5e-6f70-8192-a3b4c5d6e7f8|burstable|-",
        "/kubepods/besteffort/pod0f3c1a2b-4d5e-6f70-8192-a3b4c5d6e7f8|-|-|0f3c1a2b-4d5e-6f70-8192-a3b4c5d6e7f8"
                + "|besteffort|-",
        "/kubepods/pod0f3c1a2b-4d5e-6f70-8192-a3b4c5d6e7f8/" + ID + "|" + ID
                + "|-|0f3c1a2b-4d5e-6f70-8192-a3b4c5d6e7f8|guaranteed|-",
        "/kubepods/burstable|-|-|-|burstable|-",
        "/kubepods.slice/kubepods-burstable.slice/kubepods-burstable-pod0f3c1a2b_4d5e_6f70_8192_a3b4c5d6e7f8.slice"
                + "/cri-containerd-" + ID + ".scope|" + ID + "|containerd|0f3c1a2b-4d5e-6f70-8192-a3b4c5d6e7f8|burstable|-",
        "/kubepods.slice/kubepods-besteffort.slice/kubepods-besteffort-pod0f3c1a2b_4d5e_6f70_8192_a3b4c5d6e7f8.slice"
                + "/crio-" + ID + ".scope|" + ID + "|cri-o|0f3c1a2b-4d5e-6f70-8192-a3b4c5d6e7f8|besteffort|-",
        "/kubepods.slice/kubepods-pod0f3c1a2b_4d5e_6f70_8192_a3b4c5d6e7f8.slice/docker-" + ID + ".scope|" + ID
                + "|docker|0f3c1a2b-4d5e-6f70-8192-a3b4c5d6e7f8|guaranteed|-",
        "/kubepods.slice/kubepods-burstable.slice/kubepods-burstable-pod0f3c1a2b_4d5e_6f70_8192_a3b4c5d6e7f8.slice"
                + "/crio-conmon-" + ID + ".scope|-|-|0f3c1a2b-4d5e-6f70-8192-a3b4c5d6e7f8|burstable|-",
        "/kubepods/burstable/pod0f3c1a2b-4d5e-6f70-8192-a3b4c5d6e7f8/crio-" + ID + "|" + ID
                + "|cri-o|0f3c1a2b-4d5e-6f70-8192-a3b4c5d6e7f8|burstable|-",
        "/kubepods/burstable/pod6b4a11f0d1c24f4a8a0f6b2c3d4e5f60/" + ID + "|" + ID
                + "|-|6b4a11f0d1c24f4a8a0f6b2c3d4e5f60|burstable|-",
        "/system.slice/containerd.service/kubepods-burstable-pod0f3c1a2b_4d5e_6f70_8192_a3b4c5d6e7f8.slice:"
                + "cri-containerd:" + ID + "|" + ID + "|containerd|0f3c1a2b-4d5e-6f70-8192-a3b4c5d6e7f8|burstable|-",
        "/actions_job/" + ID + "|" + ID + "|-|-|-|-",
        "/lxc/web01|-|-|-|-|-",
        "/process_api/714605e7d0f5f58c5dc71a30f1f74718|-|-|-|-|-",
    })
    void parsesPath(String path, String id, String runtime, String podUid, String qos, String name) {
        CorrelationKey k = CorrelationKeyResolver.parse(path);
        assertThat(k.cgroup()).isEqualTo(path);
        assertThat(k.containerId()).as("container id").isEqualTo(id);
        assertThat(k.runtime()).as("runtime").isEqualTo(runtime);
        assertThat(k.podUid()).as("pod uid").isEqualTo(podUid);
        assertThat(k.qosClass()).as("qos").isEqualTo(qos);
        assertThat(k.containerName()).as("container name").isEqualTo(name);
    }

    @Test
    void podMetadataFillsNameNamespaceAndContainerAndIsCached() {
        int[] lookups = {0};
        CorrelationKeyResolver r = new CorrelationKeyResolver((uid, cid) -> {
            lookups[0]++;
            return uid.equals("0f3c1a2b-4d5e-6f70-8192-a3b4c5d6e7f8")
                    ? new PodMetadataSource.PodMetadata("web-7d9", "shop", "nginx", Map.of("app", "web")) : null;
        });
        String path = "/kubepods/burstable/pod0f3c1a2b-4d5e-6f70-8192-a3b4c5d6e7f8/" + ID;
        CorrelationKey k = r.resolve(path);
        assertThat(k.podName()).isEqualTo("web-7d9");
        assertThat(k.namespace()).isEqualTo("shop");
        assertThat(k.containerName()).isEqualTo("nginx");
        assertThat(k.qosClass()).isEqualTo("burstable");
        assertThat(r.resolve(path)).isSameAs(k);
        assertThat(lookups[0]).isEqualTo(1);
        // unknown pod: no error, fewer labels
        CorrelationKey other = r.resolve("/kubepods/pod11111111-2222-3333-4444-555555555555/" + ID2);
        assertThat(other.podName()).isNull();
        assertThat(other.containerId()).isEqualTo(ID2);
    }

    @Test
    void noneSourceIsTheDefault() {
        assertThat(new CorrelationKeyResolver().resolve("/docker/" + ID).labels())
                .containsEntry("container_id", ID).containsEntry("runtime", "docker").doesNotContainKey("pod");
    }
}
