package dev.ktel.promql;

import java.util.List;

/**
 * The outcome of a query: its value and the annotations Prometheus would return alongside. Warnings start with
 * "PromQL warning: ", infos with "PromQL info: ".
 */
public record Result(Value value, List<String> warnings, List<String> infos) {
  public Result {
    warnings = List.copyOf(warnings);
    infos = List.copyOf(infos);
  }
}
