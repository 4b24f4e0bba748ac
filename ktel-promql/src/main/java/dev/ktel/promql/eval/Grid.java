package dev.ktel.promql.eval;

/** The evaluation timestamps: start, start+step, ..., up to end (one point when step is 0). */
record Grid(long start, long end, long step) {
  int size() {
    return step == 0 ? 1 : (int) ((end - start) / step) + 1;
  }

  long time(int i) {
    return start + i * step;
  }
}
