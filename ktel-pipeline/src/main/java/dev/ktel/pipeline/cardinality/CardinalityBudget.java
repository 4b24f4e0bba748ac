package dev.ktel.pipeline.cardinality;

/**
 * Series budgets. A "series" here is one label set a collector writes (a classic histogram counts once).
 *
 * @param perMetric   most series kept per metric family (default 10,000)
 * @param total       most series kept over all families (default 100,000)
 * @param maxMetrics  most families tracked; series of further families are rejected (default 10,000)
 * @param expireAfter collections a series may go unseen before it stops counting (default 5)
 */
public record CardinalityBudget(int perMetric, int total, int maxMetrics, int expireAfter) {
    public static final CardinalityBudget DEFAULT = new CardinalityBudget(10_000, 100_000, 10_000, 5);

    public CardinalityBudget {
        if (perMetric <= 0 || total <= 0 || maxMetrics <= 0 || expireAfter <= 0) {
            throw new IllegalArgumentException("budgets must be positive: per-metric=" + perMetric + " total="
                    + total + " max-metrics=" + maxMetrics + " expire-after=" + expireAfter);
        }
    }
}
