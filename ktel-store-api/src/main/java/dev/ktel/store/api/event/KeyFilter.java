package dev.ktel.store.api.event;

import dev.ktel.core.event.CorrelationKey;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A filter on correlation-key fields: matches when any of {@code fields} equals (or, unless {@code exact}, contains)
 * {@code value}. Several fields let one filter say "container id or container name".
 *
 * @param fields names from {@link CorrelationKey#labels()}: cgroup, container_id, runtime, pod_uid, pod, namespace,
 *               qos_class, container
 */
public record KeyFilter(List<String> fields, String value, boolean exact) {
  public static final Set<String> FIELDS =
      Set.of("cgroup", "container_id", "runtime", "pod_uid", "pod", "namespace", "qos_class", "container");

  public KeyFilter {
    fields = List.copyOf(fields);
    if (fields.isEmpty()) {
      throw new IllegalArgumentException("a key filter needs at least one field");
    }
    for (String f : fields) {
      if (!FIELDS.contains(f)) {
        throw new IllegalArgumentException("unknown correlation key field \"" + f + "\"; expected one of "
            + new java.util.TreeSet<>(FIELDS));
      }
    }
    if (value == null || value.isEmpty()) {
      throw new IllegalArgumentException("a key filter needs a non-empty value");
    }
  }

  public static KeyFilter exact(String value, String... fields) {
    return new KeyFilter(List.of(fields), value, true);
  }

  public static KeyFilter contains(String value, String... fields) {
    return new KeyFilter(List.of(fields), value, false);
  }

  public boolean matches(CorrelationKey key) {
    Map<String, String> labels = key.labels();
    for (String f : fields) {
      String v = labels.get(f);
      if (v != null && (exact ? v.equals(value) : v.contains(value))) {
        return true;
      }
    }
    return false;
  }
}
