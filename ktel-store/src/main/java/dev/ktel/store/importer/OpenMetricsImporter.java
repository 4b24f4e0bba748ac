package dev.ktel.store.importer;

import dev.ktel.store.TsdbSeriesStore;
import dev.ktel.store.api.Labels;
import dev.ktel.store.block.BlockWriter;
import dev.ktel.store.chunk.EncodedChunk;
import dev.ktel.store.chunk.Chunks;
import dev.ktel.store.head.SampleBuf;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Backfills an OpenMetrics text file into a data directory, as {@code promtool tsdb create-blocks-from openmetrics}
 * does: every sample must carry a timestamp (seconds, may be fractional); the file is read once to find the time
 * range and validate it, then once per block range, and each range becomes one block. Families of every type are
 * stored as their sample series ({@code _total}, {@code _bucket}, {@code _sum}, ...); exemplars are ignored.
 *
 * <p>Entry point for {@code ktel tsdb import --openmetrics FILE --data-dir DIR}: {@link #run(Path, Path)}.
 */
public final class OpenMetricsImporter {
  /** What an import wrote. */
  public record Result(long samples, long series, int blocks, long minTime, long maxTime) {
  }

  /** A syntax error: file, line and the text seen. */
  public static final class ParseException extends IOException {
    public ParseException(Path file, long line, String what, String text) {
      super(file + ":" + line + ": " + what + ", got \"" + text + "\"");
    }
  }

  private OpenMetricsImporter() {
  }

  /** Opens (or creates) the store in {@code dataDir}, imports {@code file}, closes the store. */
  public static Result run(Path file, Path dataDir) throws IOException {
    try (TsdbSeriesStore store = TsdbSeriesStore.builder(dataDir).open()) {
      return importInto(file, store);
    }
  }

  public static Result importInto(Path file, TsdbSeriesStore store) throws IOException {
    long[] range = {Long.MAX_VALUE, Long.MIN_VALUE};
    long[] total = {0};
    scan(file, (l, t, v) -> {
      range[0] = Math.min(range[0], t);
      range[1] = Math.max(range[1], t);
      total[0]++;
    });
    if (total[0] == 0) {
      return new Result(0, 0, 0, 0, 0);
    }
    long br = store.blockRangeMillis();
    int blocks = 0;
    java.util.HashSet<Labels> allSeries = new java.util.HashSet<>();
    for (long from = Math.floorDiv(range[0], br) * br; from <= range[1]; from += br) {
      long lo = from;
      long hi = from + br;
      Map<Labels, SampleBuf> window = new HashMap<>();
      scan(file, (l, t, v) -> {
        if (t >= lo && t < hi) {
          window.computeIfAbsent(l, k -> new SampleBuf()).add(t, v);
        }
      });
      if (window.isEmpty()) {
        continue;
      }
      TreeMap<Labels, SampleBuf> sorted = new TreeMap<>(window);
      List<BlockWriter.SeriesChunks> series = new ArrayList<>(sorted.size());
      for (Map.Entry<Labels, SampleBuf> e : sorted.entrySet()) {
        series.add(new BlockWriter.SeriesChunks(e.getKey(), encodeSorted(e.getValue())));
        allSeries.add(e.getKey());
      }
      store.ingestBlock(lo, Math.min(hi, range[1] + 1), series);
      blocks++;
    }
    store.compactBlocks();
    return new Result(total[0], allSeries.size(), blocks, range[0], range[1]);
  }

  /** Sorts by time (stable), keeps the first of equal timestamps, encodes into chunks. */
  static List<EncodedChunk> encodeSorted(SampleBuf b) {
    Integer[] idx = new Integer[b.n];
    for (int i = 0; i < b.n; i++) {
      idx[i] = i;
    }
    java.util.Arrays.sort(idx, (x, y) -> Long.compare(b.t[x], b.t[y]));
    SampleBuf sorted = new SampleBuf();
    long last = Long.MIN_VALUE;
    for (int k = 0; k < b.n; k++) {
      int i = idx[k];
      if (k > 0 && b.t[i] == last) {
        continue;
      }
      last = b.t[i];
      sorted.add(b.t[i], b.v[i]);
    }
    return Chunks.encodeForBlock(sorted);
  }

  interface SampleHandler {
    void sample(Labels l, long t, double v);
  }

  static void scan(Path file, SampleHandler h) throws IOException {
    try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      long no = 0;
      HashMap<String, Labels> cache = new HashMap<>();
      while ((line = r.readLine()) != null) {
        no++;
        if (line.isEmpty()) {
          continue;
        }
        if (line.startsWith("#")) {
          if (line.equals("# EOF")) {
            return;
          }
          continue;
        }
        parseSample(file, no, line, cache, h);
      }
    }
  }

  private static void parseSample(Path file, long no, String line, HashMap<String, Labels> cache, SampleHandler h)
      throws ParseException {
    int i = 0;
    int n = line.length();
    while (i < n && line.charAt(i) != '{' && line.charAt(i) != ' ') {
      i++;
    }
    if (i == 0) {
      throw new ParseException(file, no, "expected metric name", line);
    }
    int seriesEnd;
    if (i < n && line.charAt(i) == '{') {
      int j = i + 1;
      boolean inQuotes = false;
      while (j < n) {
        char c = line.charAt(j);
        if (inQuotes) {
          if (c == '\\') {
            j++;
          } else if (c == '"') {
            inQuotes = false;
          }
        } else if (c == '"') {
          inQuotes = true;
        } else if (c == '}') {
          break;
        }
        j++;
      }
      if (j >= n) {
        throw new ParseException(file, no, "unterminated label set", line);
      }
      seriesEnd = j + 1;
    } else {
      seriesEnd = i;
    }
    String seriesText = line.substring(0, seriesEnd);
    Labels labels = cache.get(seriesText);
    if (labels == null) {
      labels = parseLabels(file, no, line, line.substring(0, i), i < seriesEnd ? line.substring(i + 1, seriesEnd - 1)
          : "");
      cache.put(seriesText, labels);
    }
    String rest = line.substring(seriesEnd).trim();
    int hash = rest.indexOf(" # ");
    if (hash >= 0) {
      rest = rest.substring(0, hash).trim(); // exemplar
    }
    String[] f = rest.split(" +");
    if (f.length < 2 || f[0].isEmpty()) {
      throw new ParseException(file, no, "expected value and timestamp (backfill needs timestamps)", line);
    }
    double v;
    long t;
    try {
      v = parseValue(f[0]);
    } catch (NumberFormatException e) {
      throw new ParseException(file, no, "bad value", f[0]);
    }
    try {
      t = Math.round(Double.parseDouble(f[1]) * 1000.0);
    } catch (NumberFormatException e) {
      throw new ParseException(file, no, "bad timestamp", f[1]);
    }
    h.sample(labels, t, v);
  }

  static double parseValue(String s) {
    return switch (s) {
      case "NaN" -> Double.NaN;
      case "+Inf", "Inf" -> Double.POSITIVE_INFINITY;
      case "-Inf" -> Double.NEGATIVE_INFINITY;
      default -> Double.parseDouble(s);
    };
  }

  private static Labels parseLabels(Path file, long no, String line, String name, String body)
      throws ParseException {
    Labels.Builder b = Labels.builder().set(Labels.METRIC_NAME, name);
    int i = 0;
    int n = body.length();
    while (i < n) {
      while (i < n && (body.charAt(i) == ',' || body.charAt(i) == ' ')) {
        i++;
      }
      if (i >= n) {
        break;
      }
      int eq = body.indexOf('=', i);
      if (eq < 0 || eq + 1 >= n || body.charAt(eq + 1) != '"') {
        throw new ParseException(file, no, "expected label=\"value\"", line);
      }
      String ln = body.substring(i, eq).trim();
      StringBuilder v = new StringBuilder();
      int j = eq + 2;
      while (j < n && body.charAt(j) != '"') {
        char c = body.charAt(j);
        if (c == '\\' && j + 1 < n) {
          char e = body.charAt(++j);
          v.append(e == 'n' ? '\n' : e);
        } else {
          v.append(c);
        }
        j++;
      }
      if (j >= n) {
        throw new ParseException(file, no, "unterminated label value of " + ln, line);
      }
      b.set(ln, v.toString());
      i = j + 1;
    }
    return b.build();
  }
}
