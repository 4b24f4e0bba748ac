package dev.ktel.collectors.cgroup;

import dev.ktel.core.event.CorrelationKey;
import java.util.HashMap;
import java.util.Map;

/**
 * Turns a cgroup path into the {@link CorrelationKey} attached to per-cgroup metrics, per-process series and
 * events: container id and runtime, Kubernetes pod uid and QoS class, read from the path alone, then pod
 * name, namespace and container name from a {@link PodMetadataSource} when one knows the pod.
 *
 * <p>Path shapes recognised (the innermost match wins, so docker-in-docker gives the inner container):
 * <ul>
 *   <li>docker: {@code /docker/<id>}, {@code /system.slice/docker-<id>.scope}</li>
 *   <li>containerd: {@code cri-containerd-<id>.scope}, {@code kubepods-...slice:cri-containerd:<id>}</li>
 *   <li>cri-o: {@code crio-<id>.scope}, {@code crio-<id>} (conmon scopes are not containers)</li>
 *   <li>podman: {@code libpod-<id>.scope}, also with a trailing {@code /container} (cgroup v2)</li>
 *   <li>Kubernetes, cgroupfs driver: {@code /kubepods/burstable/pod<uid>/<id>} (runtime unknown from the
 *       path: containerd and dockershim both use it); systemd driver:
 *       {@code /kubepods.slice/kubepods-burstable.slice/kubepods-burstable-pod<uid_with_underscores>.slice/
 *       cri-containerd-<id>.scope}. QoS class is {@code burstable} or {@code besteffort} from the path, else
 *       {@code guaranteed} for pods directly under kubepods.</li>
 *   <li>a bare 64-hex-digit segment elsewhere (e.g. {@code /actions_job/<id>}): container id, runtime unknown</li>
 *   <li>systemd units outside containers ({@code /system.slice/ssh.service},
 *       {@code /user.slice/user-1000.slice/session-3.scope}): runtime {@code systemd} and the innermost unit as
 *       container name, since the key has no unit field.</li>
 * </ul>
 * Keys are cached per path (cleared when the cache reaches its bound). Not thread-safe.
 */
public final class CorrelationKeyResolver {
    private static final int CACHE_LIMIT = 8192;

    private final PodMetadataSource pods;
    private final Map<String, CorrelationKey> cache = new HashMap<>();

    public CorrelationKeyResolver(PodMetadataSource pods) {
        this.pods = pods;
    }

    public CorrelationKeyResolver() {
        this(PodMetadataSource.NONE);
    }

    /** The key for a cgroup path ("/" for the root). Cached. */
    public CorrelationKey resolve(String cgroupPath) {
        CorrelationKey k = cache.get(cgroupPath);
        if (k == null) {
            if (cache.size() >= CACHE_LIMIT) {
                cache.clear();
            }
            k = enrich(parse(cgroupPath));
            cache.put(cgroupPath, k);
        }
        return k;
    }

    /** Forgets cached keys, e.g. after the pod metadata source refreshed. */
    public void invalidate() {
        cache.clear();
    }

    private CorrelationKey enrich(CorrelationKey k) {
        if (k.podUid() == null) {
            return k;
        }
        PodMetadataSource.PodMetadata m = pods.lookup(k.podUid(), k.containerId());
        if (m == null) {
            return k;
        }
        return new CorrelationKey(k.cgroup(), k.containerId(), k.runtime(), k.podUid(),
                m.podName(), m.namespace(), k.qosClass(),
                m.containerName() != null ? m.containerName() : k.containerName());
    }

    /** The key from the path alone (no pod metadata). Pure. */
    public static CorrelationKey parse(String cgroupPath) {
        String id = null;
        String runtime = null;
        String podUid = null;
        String qos = null;
        String unit = null;
        boolean kubepods = false;
        String previous = "";
        int i = 0;
        int n = cgroupPath.length();
        while (i < n) {
            while (i < n && cgroupPath.charAt(i) == '/') {
                i++;
            }
            int end = cgroupPath.indexOf('/', i);
            if (end < 0) {
                end = n;
            }
            if (end == i) {
                break;
            }
            String seg = cgroupPath.substring(i, end);
            i = end;

            // kubepods: QoS and pod uid (cgroupfs and systemd drivers)
            if (seg.equals("kubepods") || seg.equals("kubepods.slice")) {
                kubepods = true;
            } else if (kubepods && (seg.equals("burstable") || seg.equals("besteffort"))) {
                qos = seg;
            } else if (seg.startsWith("kubepods-") && seg.endsWith(".slice")) {
                kubepods = true;
                String inner = seg.substring("kubepods-".length(), seg.length() - ".slice".length());
                if (inner.startsWith("burstable")) {
                    qos = "burstable";
                    inner = inner.substring("burstable".length());
                } else if (inner.startsWith("besteffort")) {
                    qos = "besteffort";
                    inner = inner.substring("besteffort".length());
                }
                if (inner.startsWith("-")) {
                    inner = inner.substring(1);
                }
                if (inner.startsWith("pod") && isUid(inner, 3, inner.length())) {
                    podUid = inner.substring(3).replace('_', '-');
                }
            } else if (kubepods && seg.startsWith("pod") && seg.length() > 3 && isUid(seg, 3, seg.length())) {
                podUid = seg.substring(3);
            }

            // kubepods-burstable-pod<uid>.slice:cri-containerd:<id> (containerd with systemd cgroups on v1)
            int colon = seg.indexOf(':');
            if (colon > 0) {
                int colon2 = seg.indexOf(':', colon + 1);
                if (colon2 > 0) {
                    String rt = seg.substring(colon + 1, colon2);
                    String cid = seg.substring(colon2 + 1);
                    String slice = seg.substring(0, colon);
                    if (isHex(cid, 0, cid.length()) && cid.length() >= 12) {
                        id = cid;
                        runtime = runtimeName(rt);
                        if (slice.startsWith("kubepods-")) {
                            CorrelationKey inner = parse("/" + slice);
                            podUid = inner.podUid();
                            qos = inner.qosClass();
                            kubepods = true;
                        }
                    }
                }
            }

            String scoped = seg.endsWith(".scope") ? seg.substring(0, seg.length() - ".scope".length()) : seg;
            String c;
            if ((c = idAfter(scoped, "docker-")) != null) {
                id = c;
                runtime = "docker";
            } else if ((c = idAfter(scoped, "cri-containerd-")) != null) {
                id = c;
                runtime = "containerd";
            } else if ((c = idAfter(scoped, "crio-")) != null) {
                id = c;
                runtime = "cri-o";
            } else if ((c = idAfter(scoped, "libpod-")) != null) {
                id = c;
                runtime = "podman";
            } else if (seg.length() == 64 && isHex(seg, 0, 64)) {
                id = seg;
                runtime = previous.equals("docker") ? "docker" : null;
            } else if (id == null && !kubepods && isUnit(seg)) {
                unit = seg;
            }
            previous = seg;
        }
        if (podUid != null && qos == null) {
            qos = "guaranteed";
        }
        if (id != null) {
            return new CorrelationKey(cgroupPath, id, runtime, podUid, null, null, qos, null);
        }
        if (podUid != null || kubepods) {
            return new CorrelationKey(cgroupPath, null, null, podUid, null, null, qos, null);
        }
        if (unit != null) {
            return new CorrelationKey(cgroupPath, null, "systemd", null, null, null, null, unit);
        }
        return CorrelationKey.ofCgroup(cgroupPath);
    }

    private static String runtimeName(String s) {
        return switch (s) {
            case "cri-containerd" -> "containerd";
            case "crio" -> "cri-o";
            case "libpod" -> "podman";
            default -> s;
        };
    }

    /** The hex id after {@code prefix} (12+ digits: full ids are 64), or null; conmon scopes are not ids. */
    private static String idAfter(String s, String prefix) {
        if (!s.startsWith(prefix)) {
            return null;
        }
        int start = prefix.length();
        return s.length() - start >= 12 && isHex(s, start, s.length()) ? s.substring(start) : null;
    }

    private static boolean isUnit(String seg) {
        return seg.endsWith(".service") || seg.endsWith(".scope") || seg.endsWith(".slice")
                || seg.endsWith(".socket") || seg.endsWith(".mount") || seg.endsWith(".swap");
    }

    private static boolean isHex(String s, int from, int to) {
        if (from >= to) {
            return false;
        }
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
                return false;
            }
        }
        return true;
    }

    /** Pod uids are UUIDs, or 32 hex digits for static pods (hash of the manifest). */
    private static boolean isUid(String s, int from, int to) {
        if (to - from < 32) {
            return false;
        }
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c == '-' || c == '_')) {
                return false;
            }
        }
        return true;
    }
}
