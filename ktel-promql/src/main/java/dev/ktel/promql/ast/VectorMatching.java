package dev.ktel.promql.ast;

import java.util.List;

/**
 * How two vectors are matched: on/ignoring labels, cardinality (group_left/right with extra labels to copy) and
 * the fill values for unmatched sides (null when not filled).
 */
public record VectorMatching(Card card, List<String> matchingLabels, boolean on, List<String> include,
    Double fillLeft, Double fillRight) {
  public enum Card { ONE_TO_ONE, MANY_TO_ONE, ONE_TO_MANY, MANY_TO_MANY }

  public static VectorMatching defaults(Card card) {
    return new VectorMatching(card, List.of(), false, List.of(), null, null);
  }
}
