package dev.ktel.collectors.host.time;

/** One clocksource device's available and current clocksources. Mutable holder, reused between scrapes. */
public final class Clocksource {
    /** The index of the device in the sorted listing, as node_exporter's {@code device} label. */
    public String device;
    public String[] available = new String[8];
    public int availableCount;
    public String current;
}
