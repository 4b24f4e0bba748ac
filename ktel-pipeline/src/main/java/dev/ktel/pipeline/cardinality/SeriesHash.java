package dev.ktel.pipeline.cardinality;

/**
 * A 64-bit hash of a series' label values, computed over the characters without allocating. The tracker keeps
 * only this hash, not the strings, which is what bounds its memory; with 64 bits two of a million series
 * collide with a probability of about 3e-8 (they would then count as one).
 */
final class SeriesHash {
    private static final long SEED = 0x9E3779B97F4A7C15L;

    private SeriesHash() {
    }

    static long start() {
        return SEED;
    }

    static long add(long h, String s) {
        long x = h;
        for (int i = 0; i < s.length(); i++) {
            x = (x ^ s.charAt(i)) * 0x100000001B3L;
        }
        // a separator, so ("ab","c") and ("a","bc") differ
        return mix(x ^ s.length());
    }

    static long finish(long h) {
        long x = mix(h);
        return x == 0 ? 1 : x; // 0 marks an empty slot
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
        z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
        return z ^ (z >>> 33);
    }
}
