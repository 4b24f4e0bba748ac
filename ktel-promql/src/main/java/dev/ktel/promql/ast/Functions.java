package dev.ktel.promql.ast;

import static dev.ktel.promql.ast.ValueType.MATRIX;
import static dev.ktel.promql.ast.ValueType.SCALAR;
import static dev.ktel.promql.ast.ValueType.STRING;
import static dev.ktel.promql.ast.ValueType.VECTOR;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The PromQL function signatures known to the parser (Prometheus 3.x, experimental functions included). */
public final class Functions {
  private static final Map<String, FunctionDef> DEFS = new HashMap<>();

  static {
    for (String f : List.of("abs", "ceil", "floor", "exp", "sqrt", "ln", "log2", "log10", "sgn", "acos", "acosh",
        "asin", "asinh", "atan", "atanh", "cos", "cosh", "sin", "sinh", "tan", "tanh", "deg", "rad", "sort",
        "sort_desc", "timestamp", "histogram_count", "histogram_sum", "histogram_avg", "histogram_stddev",
        "histogram_stdvar", "start_timestamp")) {
      def(f, VECTOR, 0, VECTOR);
    }
    for (String f : List.of("rate", "irate", "increase", "delta", "idelta", "deriv", "changes", "resets",
        "avg_over_time", "min_over_time", "max_over_time", "sum_over_time", "count_over_time", "last_over_time",
        "first_over_time", "present_over_time", "stddev_over_time", "stdvar_over_time", "mad_over_time",
        "absent_over_time", "ts_of_min_over_time", "ts_of_max_over_time", "ts_of_first_over_time",
        "ts_of_last_over_time")) {
      def(f, List.of(MATRIX), 0, VECTOR);
    }
    for (String f : List.of("minute", "hour", "day_of_week", "day_of_month", "day_of_year", "days_in_month",
        "month", "year")) {
      def(f, List.of(VECTOR), 1, VECTOR);
    }
    def("absent", List.of(VECTOR), 0, VECTOR);
    def("clamp", List.of(VECTOR, SCALAR, SCALAR), 0, VECTOR);
    def("clamp_min", List.of(VECTOR, SCALAR), 0, VECTOR);
    def("clamp_max", List.of(VECTOR, SCALAR), 0, VECTOR);
    def("round", List.of(VECTOR, SCALAR), 1, VECTOR);
    def("quantile_over_time", List.of(SCALAR, MATRIX), 0, VECTOR);
    def("predict_linear", List.of(MATRIX, SCALAR), 0, VECTOR);
    def("double_exponential_smoothing", List.of(MATRIX, SCALAR, SCALAR), 0, VECTOR);
    def("holt_winters", List.of(MATRIX, SCALAR, SCALAR), 0, VECTOR);
    def("histogram_quantile", List.of(SCALAR, VECTOR), 0, VECTOR);
    def("histogram_quantiles", List.of(VECTOR, STRING, SCALAR), -1, VECTOR);
    def("histogram_fraction", List.of(SCALAR, SCALAR, VECTOR), 0, VECTOR);
    def("label_replace", List.of(VECTOR, STRING, STRING, STRING, STRING), 0, VECTOR);
    def("label_join", List.of(VECTOR, STRING, STRING, STRING), -1, VECTOR);
    def("sort_by_label", List.of(VECTOR, STRING), -1, VECTOR);
    def("sort_by_label_desc", List.of(VECTOR, STRING), -1, VECTOR);
    def("info", List.of(VECTOR, VECTOR), 1, VECTOR);
    def("scalar", List.of(VECTOR), 0, SCALAR);
    def("vector", List.of(SCALAR), 0, VECTOR);
    def("time", List.of(), 0, SCALAR);
    def("min_of", List.of(SCALAR, SCALAR), 0, SCALAR);
    def("max_of", List.of(SCALAR, SCALAR), 0, SCALAR);
    def("pi", List.of(), 0, SCALAR);
    def("start", List.of(), 0, SCALAR);
    def("end", List.of(), 0, SCALAR);
    def("range", List.of(), 0, SCALAR);
    def("step", List.of(), 0, SCALAR);
  }

  private Functions() {
  }

  private static void def(String name, ValueType arg, int variadic, ValueType ret) {
    def(name, List.of(arg), variadic, ret);
  }

  private static void def(String name, List<ValueType> args, int variadic, ValueType ret) {
    DEFS.put(name, new FunctionDef(name, args, variadic, ret));
  }

  /** The definition, or null for an unknown function. */
  public static FunctionDef get(String name) {
    return DEFS.get(name);
  }
}
