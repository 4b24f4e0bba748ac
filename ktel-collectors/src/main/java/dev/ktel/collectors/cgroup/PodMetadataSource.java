package dev.ktel.collectors.cgroup;

import java.util.Map;

/**
 * Pod name, namespace, container name and labels for a pod uid and container id, from wherever the host can
 * tell: the kubelet's {@code /pods} endpoint or the CRI socket (not implemented yet). Lookups must be cheap
 * (served from a cache the implementation refreshes on its own) because they run on the collection path;
 * an unknown pod is {@code null}, never an error.
 */
public interface PodMetadataSource {

    /** What a source knows about one pod (and, when the container id matched, one container in it). */
    record PodMetadata(String podName, String namespace, String containerName, Map<String, String> labels) {
    }

    /** Null when unknown. {@code containerId} may be null (pod-level cgroup). */
    PodMetadata lookup(String podUid, String containerId);

    /** The default: no kubelet or CRI lookups, so keys carry only what the cgroup path says. */
    PodMetadataSource NONE = (podUid, containerId) -> null;
}
