package dev.ktel.core.event;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one identity attached to per-cgroup metrics, events and eBPF data: cgroup path, container id and
 * runtime, Kubernetes pod uid/name/namespace and QoS class, where known. Null fields are unknown.
 */
public record CorrelationKey(String cgroup, String containerId, String runtime, String podUid, String podName,
        String namespace, String qosClass, String containerName) {

    public static final CorrelationKey NONE = new CorrelationKey(null, null, null, null, null, null, null, null);

    public static CorrelationKey ofCgroup(String cgroupPath) {
        return new CorrelationKey(cgroupPath, null, null, null, null, null, null, null);
    }

    /** The known fields as label pairs (cAdvisor-style names: id, container_id, pod, namespace, ...). */
    public Map<String, String> labels() {
        Map<String, String> m = new LinkedHashMap<>();
        put(m, "cgroup", cgroup);
        put(m, "container_id", containerId);
        put(m, "runtime", runtime);
        put(m, "pod_uid", podUid);
        put(m, "pod", podName);
        put(m, "namespace", namespace);
        put(m, "qos_class", qosClass);
        put(m, "container", containerName);
        return m;
    }

    private static void put(Map<String, String> m, String k, String v) {
        if (v != null && !v.isEmpty()) {
            m.put(k, v);
        }
    }
}
