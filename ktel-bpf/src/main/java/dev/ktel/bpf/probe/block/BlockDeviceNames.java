package dev.ktel.bpf.probe.block;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Kernel device numbers (as the BPF program packs them: major &lt;&lt; 20 | minor) to names such as {@code vda}, from
 * {@code /sys/dev/block/MAJ:MIN/uevent} ({@code DEVNAME=}). Unknown numbers are named {@code MAJ:MIN}. Cached;
 * not thread-safe.
 */
final class BlockDeviceNames {
    private final Path sysDevBlock;
    private final Map<Integer, String> cache = new HashMap<>();

    BlockDeviceNames(Path sysDevBlock) {
        this.sysDevBlock = sysDevBlock;
    }

    String name(int dev) {
        return cache.computeIfAbsent(dev, this::lookup);
    }

    private String lookup(int dev) {
        String majMin = (dev >>> 20) + ":" + (dev & 0xfffff);
        try {
            for (String line : Files.readAllLines(sysDevBlock.resolve(majMin).resolve("uevent"))) {
                if (line.startsWith("DEVNAME=")) {
                    return line.substring("DEVNAME=".length());
                }
            }
        } catch (IOException e) {
            // device gone or not a block device: keep the number
        }
        return majMin;
    }
}
