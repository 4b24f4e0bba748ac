package dev.ktel.pipeline.cardinality;

/** The series count of the collection in progress and of the last complete one. */
public final class SeriesCount {
    int counting;
    private volatile int last;

    void begin() {
        counting = 0;
    }

    void end() {
        last = counting;
    }

    /** Publishes a count taken elsewhere (the terminal's own count of what it wrote). */
    public void set(int series) {
        last = series;
    }

    /** Series written by the last complete collection. */
    public int last() {
        return last;
    }
}
