package dev.ktel.collectors.host.textfile;

/**
 * One sample line: the suffix after the family name ("" or, for histograms and summaries, "_bucket", "_sum",
 * "_count"), labels in file order, value, and line number.
 */
public record TextSample(String suffix, String[] labelNames, String[] labelValues, double value, int line) {

    /** The value of a label, or null. */
    public String label(String name) {
        for (int i = 0; i < labelNames.length; i++) {
            if (labelNames[i].equals(name)) {
                return labelValues[i];
            }
        }
        return null;
    }
}
