package dev.ktel.pipeline.cardinality;

/**
 * The series of one family seen recently: an open-addressing set of series hashes with the collection each
 * was last seen in. Grows by doubling up to twice the per-metric budget, never beyond, so its memory is
 * bounded by the budget whatever is offered.
 */
final class FamilySeries {
    private long[] keys = new long[16];
    private int[] seen = new int[16];
    private int size;

    int size() {
        return size;
    }

    int capacity() {
        return keys.length;
    }

    /** Marks a known series as seen; false when it is not in the set. */
    boolean touch(long key, int round) {
        int mask = keys.length - 1;
        for (int i = slot(key, mask); ; i = (i + 1) & mask) {
            long k = keys[i];
            if (k == key) {
                seen[i] = round;
                return true;
            }
            if (k == 0) {
                return false;
            }
        }
    }

    /** Adds a series known to be absent; the caller has checked the budgets. */
    void add(long key, int round) {
        if ((size + 1) * 2 > keys.length) {
            resize(keys.length * 2);
        }
        insert(keys, seen, key, round);
        size++;
    }

    /** Drops series unseen since {@code oldestKept}; returns how many were dropped. */
    int expire(int oldestKept) {
        int expired = 0;
        for (int i = 0; i < keys.length; i++) {
            if (keys[i] != 0 && seen[i] < oldestKept) {
                expired++;
            }
        }
        if (expired > 0) {
            long[] oldKeys = keys;
            int[] oldSeen = seen;
            int live = size - expired;
            int cap = 16;
            while (live * 2 > cap) {
                cap *= 2;
            }
            keys = new long[cap];
            seen = new int[cap];
            for (int i = 0; i < oldKeys.length; i++) {
                if (oldKeys[i] != 0 && oldSeen[i] >= oldestKept) {
                    insert(keys, seen, oldKeys[i], oldSeen[i]);
                }
            }
            size = live;
        }
        return expired;
    }

    private void resize(int cap) {
        long[] oldKeys = keys;
        int[] oldSeen = seen;
        keys = new long[cap];
        seen = new int[cap];
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != 0) {
                insert(keys, seen, oldKeys[i], oldSeen[i]);
            }
        }
    }

    private static void insert(long[] keys, int[] seen, long key, int round) {
        int mask = keys.length - 1;
        int i = slot(key, mask);
        while (keys[i] != 0) {
            i = (i + 1) & mask;
        }
        keys[i] = key;
        seen[i] = round;
    }

    private static int slot(long key, int mask) {
        return (int) (key ^ (key >>> 32)) & mask;
    }
}
