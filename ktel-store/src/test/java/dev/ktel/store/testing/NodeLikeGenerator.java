package dev.ktel.store.testing;

import dev.ktel.store.api.Labels;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Deterministic node-exporter-like data: a mix of counters and gauges shaped like real host metrics, scraped every
 * 15 s with a few milliseconds of timestamp jitter. Kinds (share of series):
 *
 * <ul>
 *   <li>cpu seconds counters (40%): increments in 0.01 s steps, idle mode near 15 s per scrape;
 *   <li>byte/packet counters (25%): integer increments, bursty, many scrapes with no change on idle devices;
 *   <li>memory and filesystem gauges (20%): large integers moving in 4096-byte pages, often unchanged;
 *   <li>load/pressure style gauges (10%): two-decimal floats that wander;
 *   <li>constant info/up series (5%): 1.
 * </ul>
 */
public final class NodeLikeGenerator {
  public static final long INTERVAL_MS = 15_000;

  private final List<Labels> labels = new ArrayList<>();
  private final int[] kind;
  private final double[] value;
  private final SplittableRandom rnd;

  public NodeLikeGenerator(int series, long seed) {
    rnd = new SplittableRandom(seed);
    kind = new int[series];
    value = new double[series];
    String[] modes = {"idle", "user", "system", "iowait", "irq", "softirq", "steal", "nice"};
    for (int i = 0; i < series; i++) {
      int bucket = i % 20;
      int k = bucket < 8 ? 0 : bucket < 13 ? 1 : bucket < 17 ? 2 : bucket < 19 ? 3 : 4;
      kind[i] = k;
      Labels l = switch (k) {
        case 0 -> Labels.metric("node_cpu_seconds_total", "cpu", Integer.toString(i / 8), "mode", modes[i % 8],
            "instance", "host-a:9100", "job", "node");
        case 1 -> Labels.metric("node_network_receive_bytes_total", "device", "eth" + i, "instance", "host-a:9100",
            "job", "node");
        case 2 -> Labels.metric("node_memory_bytes", "kind", "k" + i, "instance", "host-a:9100", "job", "node");
        case 3 -> Labels.metric("node_pressure_avg10", "resource", "r" + i, "instance", "host-a:9100", "job", "node");
        default -> Labels.metric("node_up_info", "id", Integer.toString(i), "instance", "host-a:9100", "job", "node");
      };
      labels.add(l);
      value[i] = switch (k) {
        case 0 -> Math.round(rnd.nextDouble(1e3, 1e6) * 100) / 100.0;
        case 1 -> (double) rnd.nextLong(1_000_000, 1_000_000_000_000L);
        case 2 -> 4096.0 * rnd.nextLong(10_000, 4_000_000);
        case 3 -> Math.round(rnd.nextDouble(0, 4) * 100) / 100.0;
        default -> 1;
      };
    }
  }

  public static final String[] KINDS = {"cpu seconds counter", "byte counter", "memory gauge", "pressure gauge",
      "constant"};

  public int kind(int i) {
    return kind[i];
  }

  public int size() {
    return labels.size();
  }

  public Labels labels(int i) {
    return labels.get(i);
  }

  /** Scrape timestamp of step {@code n} from {@code start}: regular interval plus 0..4 ms of jitter. */
  public long timestamp(long start, int n) {
    return start + n * INTERVAL_MS + rnd.nextInt(5);
  }

  /** Advances series {@code i} by one scrape and returns its new value. */
  public double next(int i) {
    double v = value[i];
    switch (kind[i]) {
      case 0 -> {
        boolean idle = (i % 8) == 0;
        double inc = idle ? 15 - rnd.nextInt(0, 200) / 100.0 : rnd.nextInt(0, 60) / 100.0;
        v = Math.round((v + inc) * 100) / 100.0;
      }
      case 1 -> {
        if (rnd.nextInt(4) != 0) {
          v += rnd.nextLong(60, 2_000_000);
        }
      }
      case 2 -> {
        if (rnd.nextInt(3) == 0) {
          v += 4096.0 * rnd.nextLong(-2000, 2000);
        }
      }
      case 3 -> v = Math.max(0, Math.round((v + rnd.nextInt(-20, 21) / 100.0) * 100) / 100.0);
      default -> {
      }
    }
    value[i] = v;
    return v;
  }
}
