package dev.ktel.promql.promqltest;

import dev.ktel.promql.Engine;
import dev.ktel.promql.EngineOptions;
import dev.ktel.promql.Matrix;
import dev.ktel.promql.PromqlException;
import dev.ktel.promql.Result;
import dev.ktel.promql.Sample;
import dev.ktel.promql.Scalar;
import dev.ktel.promql.SeriesPoints;
import dev.ktel.promql.StringValue;
import dev.ktel.promql.Value;
import dev.ktel.promql.Vector;
import dev.ktel.promql.parser.Durations;
import dev.ktel.store.api.Appender;
import dev.ktel.store.api.InMemorySeriesStore;
import dev.ktel.store.api.Labels;
import dev.ktel.store.api.StaleNaN;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs promqltest scripts (the format of Prometheus' promql/promqltest: load, clear, eval with expected results
 * and expect directives) against {@link Engine} over an {@link InMemorySeriesStore}. Evals that need native
 * histograms are counted as skipped.
 */
public final class PromqlTestRunner {
  private static final Pattern INSTANT = Pattern.compile("^(?:eval|eval_fail|eval_warn|eval_info|eval_ordered)\\s+"
      + "instant\\s+at\\s+(\\S+)\\s+(.+)$");
  private static final Pattern RANGE = Pattern.compile("^(?:eval|eval_fail|eval_warn|eval_info|eval_ordered)\\s+"
      + "range\\s+from\\s+(\\S+)\\s+to\\s+(\\S+)\\s+step\\s+(\\S+)\\s+(.+)$");
  private static final Pattern RANGE_VECTOR = Pattern.compile(
      "^expect\\s+range\\s+vector\\s+from\\s+(\\S+)\\s+to\\s+(\\S+)\\s+step\\s+(\\S+)$");
  private static final Pattern TIME_FUNCTIONS = Pattern.compile("(?i)\\b(start|end|range|step)\\s*\\(");
  private static final EngineOptions TEST_OPTIONS = EngineOptions.DEFAULTS.withTimeout(Duration.ofSeconds(30));

  /** Counts of one or more files, plus failure descriptions ("file:line: query: reason"). */
  public static final class Summary {
    public int passed;
    public int failed;
    public int skippedNative;
    public final List<String> failures = new ArrayList<>();

    void add(Summary o) {
      passed += o.passed;
      failed += o.failed;
      skippedNative += o.skippedNative;
      failures.addAll(o.failures);
    }

    @Override
    public String toString() {
      return passed + " passed, " + failed + " failed, " + skippedNative + " skipped (native histograms)";
    }
  }

  /** Runs the files, printing one line per file, the failures and a closing total line. */
  public static Summary runAll(List<Path> files, PrintStream out, boolean verbose) throws IOException {
    Summary total = new Summary();
    for (Path f : files) {
      Summary s = runFile(f);
      out.println(f.getFileName() + ": " + s);
      if (verbose) {
        for (String fail : s.failures) {
          out.println("  FAIL " + fail);
        }
      }
      total.add(s);
    }
    out.println(total.passed + " passed, " + total.failed + " failed (" + total.skippedNative
        + " evals skipped: need native histograms)");
    return total;
  }

  public static Summary runFile(Path file) throws IOException {
    return new FileRun(file.getFileName().toString(), Files.readAllLines(file)).run();
  }

  /** Runs script text (file name used in messages only). */
  public static Summary runScript(String name, String text) {
    return new FileRun(name, List.of(text.split("\n", -1))).run();
  }

  private static final class FileRun {
    private final String name;
    private final List<String> lines;
    private final Summary summary = new Summary();
    private InMemorySeriesStore store = InMemorySeriesStore.builder().build();
    /** Series that hold native histograms in the loaded data (not stored: the engine handles floats only). */
    private final Set<Labels> nativeSeries = new HashSet<>();

    FileRun(String name, List<String> lines) {
      this.name = name;
      this.lines = lines;
    }

    Summary run() {
      int i = 0;
      while (i < lines.size()) {
        String l = clean(lines.get(i));
        if (l.isEmpty()) {
          i++;
          continue;
        }
        int start = i;
        List<String> block = new ArrayList<>();
        while (i < lines.size() && !clean(lines.get(i)).isEmpty()) {
          block.add(clean(lines.get(i)));
          i++;
        }
        while (block.get(0).equals("clear")) {
          command(block.subList(0, 1), start + 1);
          block = block.subList(1, block.size());
          start++;
          if (block.isEmpty()) {
            break;
          }
        }
        if (block.isEmpty()) {
          continue;
        }
        try {
          command(block, start + 1);
        } catch (RuntimeException e) {
          summary.failed++;
          summary.failures.add(name + ":" + (start + 1) + ": " + block.get(0) + ": script error: " + e);
        }
      }
      store.close();
      return summary;
    }

    private static String clean(String line) {
      String t = line.strip();
      return t.startsWith("#") ? "" : t;
    }

    private void command(List<String> block, int lineNo) {
      String head = block.get(0);
      if (head.equals("clear")) {
        store.close();
        store = InMemorySeriesStore.builder().build();
        nativeSeries.clear();
      } else if (head.startsWith("load_with_nhcb ") || head.startsWith("load ")) {
        load(block, head.startsWith("load_with_nhcb"));
      } else if (head.startsWith("eval")) {
        eval(block, lineNo);
      } else {
        throw new IllegalArgumentException("unknown command: " + head);
      }
    }

    private void load(List<String> block, boolean nhcb) {
      String[] parts = block.get(0).split("\\s+");
      long interval = Durations.parseMillis(parts[1]);
      Map<Labels, java.util.TreeMap<Long, Double>> samples = new java.util.LinkedHashMap<>();
      for (int k = 1; k < block.size(); k++) {
        String line = block.get(k);
        int end = SeriesDescription.end(line);
        String desc = line.substring(0, end);
        if (desc.endsWith("@st") || line.charAt(end - 1) != '}' && desc.contains("@st")) {
          continue;
        }
        Labels labels = SeriesDescription.parse(desc);
        String values = line.substring(end);
        if (SequenceValues.hasHistogram(values)) {
          nativeSeries.add(labels);
          continue;
        }
        if (nhcb && labels.metricName().endsWith("_bucket")) {
          String base = labels.metricName().substring(0, labels.metricName().length() - "_bucket".length());
          nativeSeries.add(labels.toBuilder().remove("le").set(Labels.METRIC_NAME, base).build());
        }
        List<Double> vals = SequenceValues.expand(values);
        for (int s = 0; s < vals.size(); s++) {
          Double v = vals.get(s);
          if (v != null) {
            samples.computeIfAbsent(labels, x -> new java.util.TreeMap<>()).put(s * interval, v);
          }
        }
      }
      // A series listed twice in one block: the later line wins, as in Prometheus' test storage.
      Appender app = store.appender();
      samples.forEach((l, m) -> m.forEach((t, v) -> app.append(l, t, v)));
      app.commit();
    }

    private static long time(String s) {
      if (s.startsWith("-")) {
        return -Durations.parseMillis(s.substring(1));
      }
      return Durations.parseMillis(s);
    }

    private void eval(List<String> block, int lineNo) {
      String head = block.get(0);
      Expectations ex = new Expectations();
      if (head.startsWith("eval_fail")) {
        ex.fail = true;
      } else if (head.startsWith("eval_warn")) {
        ex.warn = true;
      } else if (head.startsWith("eval_info")) {
        ex.info = true;
      } else if (head.startsWith("eval_ordered")) {
        ex.ordered = true;
      }
      Matcher im = INSTANT.matcher(head);
      Matcher rm = RANGE.matcher(head);
      boolean instant = im.matches();
      if (!instant && !rm.matches()) {
        throw new IllegalArgumentException("bad eval line: " + head);
      }
      String query = instant ? im.group(2) : rm.group(4);
      for (int k = 1; k < block.size(); k++) {
        ex.parseLine(block.get(k));
      }
      if (needsNative(query, block)) {
        summary.skippedNative++;
        return;
      }
      String where = name + ":" + lineNo + ": " + query;
      Engine engine = new Engine(store, TEST_OPTIONS);
      Result result;
      try {
        if (instant) {
          result = engine.instantQuery(query, time(im.group(1)));
        } else {
          result = engine.rangeQuery(query, time(rm.group(1)), time(rm.group(2)), time(rm.group(3)));
        }
      } catch (PromqlException e) {
        if (ex.fail) {
          String problem = ex.checkFailMessage(e.getMessage());
          record(where, problem);
        } else {
          record(where, "unexpected error: " + e.getMessage());
        }
        return;
      } catch (RuntimeException e) {
        record(where, "internal error: " + e);
        return;
      }
      if (ex.fail) {
        record(where, "expected an error, got a result");
        return;
      }
      String problem = ex.checkAnnotations(result);
      if (problem == null) {
        problem = instant ? ex.checkInstant(result.value(), time(im.group(1)))
            : ex.checkRange(result.value(), time(rm.group(1)), time(rm.group(2)), time(rm.group(3)));
      }
      if (problem == null && instant && ex.expectString == null && ex.rangeVector == null
          && !TIME_FUNCTIONS.matcher(query).find()) {
        problem = rangeModeConsistency(engine, query, time(im.group(1)), result.value(), ex.ordered);
      }
      record(where, problem);
    }

    /**
     * Upstream's extra check: the same expression as a range query from t-1m to t+1m must give the instant result
     * at t (order aside).
     */
    private static String rangeModeConsistency(Engine engine, String query, long t, Value instant, boolean ordered) {
      Value v;
      try {
        v = engine.rangeQuery(query, t - 60_000, t + 60_000, 60_000).value();
      } catch (PromqlException e) {
        return "range-mode check: range query failed: " + e.getMessage();
      }
      if (ordered) {
        return null;
      }
      Map<Labels, Double> atT = new HashMap<>();
      for (SeriesPoints sp : ((Matrix) v).series()) {
        for (int k = 0; k < sp.size(); k++) {
          if (sp.t()[k] == t) {
            atT.put(sp.labels(), sp.v()[k]);
          }
        }
      }
      Map<Labels, Double> want = new HashMap<>();
      if (instant instanceof Scalar s) {
        want.put(Labels.EMPTY, s.v());
      } else if (instant instanceof Vector vec) {
        for (Sample s : vec.samples()) {
          want.put(s.labels(), s.v());
        }
      } else {
        return null;
      }
      if (!want.keySet().equals(atT.keySet())) {
        return "range-mode check: at t the range query has " + atT + ", the instant query " + want;
      }
      for (Map.Entry<Labels, Double> en : want.entrySet()) {
        if (!FloatCompare.equal(en.getValue(), atT.get(en.getKey()))) {
          return "range-mode check: " + en.getKey() + " is " + atT.get(en.getKey()) + " in range mode, "
              + en.getValue() + " in instant mode";
        }
      }
      return null;
    }

    private boolean needsNative(String query, List<String> block) {
      for (String l : block) {
        if (l.contains("{{")) {
          return true;
        }
      }
      if (nativeSeries.isEmpty()) {
        return false;
      }
      List<dev.ktel.promql.ast.VectorSelector> selectors;
      try {
        selectors = dev.ktel.promql.ast.Exprs.selectors(dev.ktel.promql.PromqlParser.parse(query));
      } catch (PromqlException e) {
        // Unparseable here (e.g. histogram-only operators): fall back to spotting native series names.
        for (Labels l : nativeSeries) {
          if (Pattern.compile("(?<![A-Za-z0-9_:])" + Pattern.quote(l.metricName()) + "(?![A-Za-z0-9_:])")
              .matcher(query).find()) {
            return true;
          }
        }
        return false;
      }
      for (dev.ktel.promql.ast.VectorSelector vs : selectors) {
        dev.ktel.store.api.Matcher[] ms = vs.matchers().toArray(dev.ktel.store.api.Matcher[]::new);
        for (Labels l : nativeSeries) {
          if (dev.ktel.store.api.Matcher.matchesAll(l, ms)) {
            return true;
          }
        }
      }
      return false;
    }

    private void record(String where, String problem) {
      if (problem == null) {
        summary.passed++;
      } else {
        summary.failed++;
        summary.failures.add(where + ": " + problem);
      }
    }
  }

  /** The expect directives and expected results of one eval. */
  private static final class Expectations {
    boolean fail;
    String failMsg;
    Pattern failRegex;
    boolean warn;
    boolean info;
    boolean noWarn;
    boolean noInfo;
    boolean ordered;
    final List<String> warnLines = new ArrayList<>();
    final List<Boolean> warnIsRegex = new ArrayList<>();
    final List<String> infoLines = new ArrayList<>();
    final List<Boolean> infoIsRegex = new ArrayList<>();
    String expectString;
    long[] rangeVector;
    Double scalar;
    final List<Labels> series = new ArrayList<>();
    final List<String> values = new ArrayList<>();

    void parseLine(String l) {
      if (l.startsWith("expect ")) {
        String d = l.substring(7).strip();
        Matcher rv = RANGE_VECTOR.matcher(l);
        if (rv.matches()) {
          rangeVector = new long[] {FileRunTimes.time(rv.group(1)), FileRunTimes.time(rv.group(2)),
              FileRunTimes.time(rv.group(3))};
        } else if (d.startsWith("string")) {
          String s = d.substring(6).strip();
          expectString = s.substring(1, s.length() - 1);
        } else if (d.startsWith("fail")) {
          fail = true;
          String rest = d.substring(4).strip();
          if (rest.startsWith("msg:")) {
            failMsg = rest.substring(4).strip();
          } else if (rest.startsWith("regex:")) {
            failRegex = Pattern.compile(rest.substring(6).strip());
          }
        } else if (d.startsWith("no_warn")) {
          noWarn = true;
        } else if (d.startsWith("no_info")) {
          noInfo = true;
        } else if (d.startsWith("warn")) {
          warn = true;
          annotation(d.substring(4).strip(), warnLines, warnIsRegex);
        } else if (d.startsWith("info")) {
          info = true;
          annotation(d.substring(4).strip(), infoLines, infoIsRegex);
        } else if (d.startsWith("ordered")) {
          ordered = true;
        } else {
          throw new IllegalArgumentException("unknown expect directive: " + l);
        }
        return;
      }
      if (l.startsWith("expected_fail_message")) {
        fail = true;
        failMsg = l.substring(l.indexOf(' ') + 1).strip();
        return;
      }
      if (l.startsWith("expected_fail_regexp")) {
        fail = true;
        failRegex = Pattern.compile(l.substring(l.indexOf(' ') + 1).strip());
        return;
      }
      if (!l.startsWith("{") && l.split("\\s+").length == 1) {
        try {
          scalar = SequenceValues.number(l);
          return;
        } catch (NumberFormatException e) {
          // not a scalar: a series without values
        }
      }
      int end = SeriesDescription.end(l);
      series.add(SeriesDescription.parse(l.substring(0, end)));
      values.add(l.substring(end).strip());
    }

    private static void annotation(String rest, List<String> lines, List<Boolean> isRegex) {
      if (rest.startsWith("msg:")) {
        lines.add(rest.substring(4).strip());
        isRegex.add(false);
      } else if (rest.startsWith("regex:")) {
        lines.add(rest.substring(6).strip());
        isRegex.add(true);
      }
    }

    String checkFailMessage(String msg) {
      if (failMsg != null && !failMsg.equals(msg.strip())) {
        return "expected error \"" + failMsg + "\", got \"" + msg + "\"";
      }
      if (failRegex != null && !failRegex.matcher(msg).find()) {
        return "expected error matching /" + failRegex.pattern() + "/, got \"" + msg + "\"";
      }
      return null;
    }

    String checkAnnotations(Result r) {
      String p = checkKind("warning", r.warnings(), warn, noWarn, warnLines, warnIsRegex);
      return p != null ? p : checkKind("info", r.infos(), info, noInfo, infoLines, infoIsRegex);
    }

    private static String checkKind(String kind, List<String> got, boolean want, boolean none, List<String> lines,
        List<Boolean> isRegex) {
      if (none && !got.isEmpty()) {
        return "expected no " + kind + ", got " + got;
      }
      if (!want) {
        return null;
      }
      if (got.isEmpty()) {
        return "expected a " + kind + ", got none";
      }
      if (lines.isEmpty()) {
        return null;
      }
      for (String g : got) {
        boolean ok = false;
        for (int k = 0; k < lines.size(); k++) {
          if (matches(g, lines.get(k), isRegex.get(k))) {
            ok = true;
          }
        }
        if (!ok) {
          return "unexpected " + kind + " \"" + g + "\" (expected " + lines + ")";
        }
      }
      for (int k = 0; k < lines.size(); k++) {
        boolean ok = false;
        for (String g : got) {
          if (matches(g, lines.get(k), isRegex.get(k))) {
            ok = true;
          }
        }
        if (!ok) {
          return "expected " + kind + " \"" + lines.get(k) + "\" not returned (got " + got + ")";
        }
      }
      return null;
    }

    private static boolean matches(String got, String line, boolean regex) {
      return regex ? Pattern.compile(line).matcher(got).find() : got.equals(line);
    }

    String checkInstant(Value v, long t) {
      if (expectString != null) {
        return v instanceof StringValue s && s.s().equals(expectString) ? null
            : "expected string \"" + expectString + "\", got " + describe(v);
      }
      if (rangeVector != null) {
        if (!(v instanceof Matrix m)) {
          return "expected a range vector, got " + describe(v);
        }
        return compareMatrix(m, rangeVector[0], rangeVector[1], rangeVector[2], true);
      }
      if (scalar != null) {
        if (!(v instanceof Scalar s)) {
          return "expected scalar " + scalar + ", got " + describe(v);
        }
        return FloatCompare.equal(scalar, s.v()) ? null : "expected scalar " + scalar + ", got " + s.v();
      }
      if (!(v instanceof Vector vec)) {
        return "expected a vector, got " + describe(v);
      }
      Map<Labels, Integer> idx = new HashMap<>();
      for (int k = 0; k < series.size(); k++) {
        idx.put(series.get(k), k);
      }
      if (vec.samples().size() != series.size()) {
        return "expected " + series.size() + " samples, got " + vec.samples().size() + ": " + brief(vec);
      }
      int pos = 0;
      for (Sample s : vec.samples()) {
        Integer k = idx.get(s.labels());
        if (k == null) {
          return "unexpected series " + s.labels() + " " + s.v() + " (got " + brief(vec) + ")";
        }
        if (ordered && k != pos) {
          return "series " + s.labels() + " at position " + pos + ", expected at " + k;
        }
        pos++;
        List<Double> exp = SequenceValues.expand(values.get(k));
        if (exp.size() != 1 || exp.get(0) == null) {
          return "bad expected value for " + s.labels() + ": " + values.get(k);
        }
        if (!FloatCompare.equal(exp.get(0), s.v())) {
          return "series " + s.labels() + ": expected " + exp.get(0) + ", got " + s.v();
        }
      }
      return null;
    }

    String checkRange(Value v, long start, long end, long step) {
      if (!(v instanceof Matrix m)) {
        return "expected a matrix, got " + describe(v);
      }
      return compareMatrix(m, start, end, step, false);
    }

    private String compareMatrix(Matrix m, long start, long end, long step, boolean raw) {
      Map<Labels, Integer> idx = new HashMap<>();
      for (int k = 0; k < series.size(); k++) {
        idx.put(series.get(k), k);
      }
      if (m.series().size() != series.size()) {
        return "expected " + series.size() + " series, got " + m.series().size() + ": " + briefMatrix(m);
      }
      for (SeriesPoints sp : m.series()) {
        Integer k = idx.get(sp.labels());
        if (k == null) {
          return "unexpected series " + sp.labels() + " (got " + briefMatrix(m) + ")";
        }
        List<Double> exp = SequenceValues.expand(values.get(k));
        List<long[]> expT = new ArrayList<>();
        List<Double> expV = new ArrayList<>();
        for (int s = 0; s < exp.size(); s++) {
          if (exp.get(s) != null) {
            expT.add(new long[] {start + s * step});
            expV.add(exp.get(s));
          }
        }
        if (expT.size() != sp.size()) {
          return "series " + sp.labels() + ": expected " + expT.size() + " points, got " + sp.size() + " "
              + points(sp);
        }
        for (int s = 0; s < sp.size(); s++) {
          if (!raw && sp.t()[s] != expT.get(s)[0]) {
            return "series " + sp.labels() + ": expected point at " + expT.get(s)[0] + ", got " + points(sp);
          }
          if (!FloatCompare.equal(expV.get(s), sp.v()[s])) {
            return "series " + sp.labels() + ": expected " + expV + ", got " + points(sp);
          }
        }
      }
      return null;
    }

    private static String points(SeriesPoints sp) {
      StringBuilder sb = new StringBuilder("[");
      for (int i = 0; i < sp.size(); i++) {
        sb.append(i > 0 ? " " : "").append(sp.v()[i]).append('@').append(sp.t()[i] / 1000.0);
      }
      return sb.append(']').toString();
    }

    private static String brief(Vector v) {
      StringBuilder sb = new StringBuilder();
      for (Sample s : v.samples()) {
        sb.append(s.labels()).append(' ').append(s.v()).append("; ");
      }
      return sb.toString();
    }

    private static String briefMatrix(Matrix m) {
      StringBuilder sb = new StringBuilder();
      for (SeriesPoints sp : m.series()) {
        sb.append(sp.labels()).append(' ').append(points(sp)).append("; ");
      }
      return sb.toString();
    }

    private static String describe(Value v) {
      return switch (v) {
        case Scalar s -> "scalar " + s.v();
        case StringValue s -> "string \"" + s.s() + "\"";
        case Vector vec -> "vector " + brief(vec);
        case Matrix m -> "matrix " + briefMatrix(m);
      };
    }
  }

  /** Time parsing shared by eval lines and expect directives. */
  private static final class FileRunTimes {
    static long time(String s) {
      return s.startsWith("-") ? -Durations.parseMillis(s.substring(1)) : Durations.parseMillis(s);
    }
  }

  /** Prometheus' promqltest float comparison (relative tolerance 1e-6, stale only equals stale). */
  static final class FloatCompare {
    static boolean equal(double exp, double got) {
      if (StaleNaN.isStale(exp) || StaleNaN.isStale(got)) {
        return StaleNaN.isStale(exp) && StaleNaN.isStale(got);
      }
      if (Double.isNaN(exp) || Double.isNaN(got)) {
        return Double.isNaN(exp) && Double.isNaN(got);
      }
      if (exp == got) {
        return true;
      }
      double diff = Math.abs(exp - got);
      if (exp == 0 || got == 0 || Math.abs(exp) + Math.abs(got) < Double.MIN_NORMAL) {
        return diff < 1e-6 * Double.MIN_NORMAL;
      }
      return diff / (Math.abs(exp) + Math.abs(got)) < 1e-6;
    }
  }

  public static void main(String[] args) throws IOException {
    List<Path> files = new ArrayList<>();
    for (String a : args) {
      files.add(Path.of(a));
    }
    Summary s = runAll(files, System.out, true);
    System.exit(s.failed > 0 ? 1 : 0);
  }
}
