package dev.ktel.collectors.proc.pressure;

/**
 * One /proc/pressure/RESOURCE file: the {@code some} and {@code full} lines' averages (percent) and totals
 * (microseconds). Mutable holder reused between scrapes; a line the file lacks has {@code has* == false}.
 */
public final class PressureStall {
    public boolean hasSome;
    public double someAvg10;
    public double someAvg60;
    public double someAvg300;
    public long someTotalMicros;

    public boolean hasFull;
    public double fullAvg10;
    public double fullAvg60;
    public double fullAvg300;
    public long fullTotalMicros;
}
