package dev.ktel.promql.eval;

import dev.ktel.promql.PromqlException;
import dev.ktel.promql.ast.Call;

/** The experimental info() function: not implemented yet. */
final class InfoFunction {
  private InfoFunction() {
  }

  static Vecs eval(Evaluator ev, Call c, Grid g) {
    throw PromqlException.execution("function \"info\" is not supported yet");
  }
}
