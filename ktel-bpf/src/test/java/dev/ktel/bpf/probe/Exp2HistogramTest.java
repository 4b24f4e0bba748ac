package dev.ktel.bpf.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class Exp2HistogramTest {

    @Test
    void cumulativeWithFoldedLowSlotsAndOverflowOnlyInInf() {
        Exp2Histogram h = new Exp2Histogram(2, 4, 1e-9);
        long[] slots = {1, 2, 3, 0, 5, 7, 11};
        h.fill(slots, slots.length);
        assertThat(h.bounds()).containsExactly(4e-9, 8e-9, 16e-9);
        // le=4ns holds slots 0..2, le=8ns adds slot 3 (empty: backfilled), le=16ns adds slot 4
        assertThat(h.cumulative()).containsExactly(6, 6, 11);
        assertThat(h.count()).isEqualTo(29);
    }

    @Test
    void emptyHistogramStillHasEveryBucket() {
        Exp2Histogram h = new Exp2Histogram(8, 35, 1e-9);
        h.fill(new long[40], 40);
        assertThat(h.cumulative()).hasSize(28).containsOnly(0L);
        assertThat(h.bounds()[0]).isEqualTo(256e-9);
        assertThat(h.bounds()[27]).isEqualTo((1L << 35) * 1e-9);
        assertThat(h.count()).isZero();
    }

    @Test
    void fewerSlotsThanBoundsBackfillsWithTheTotal() {
        Exp2Histogram h = new Exp2Histogram(0, 3, 1);
        h.fill(new long[] {1, 1}, 2);
        assertThat(h.cumulative()).containsExactly(1, 2, 2, 2);
    }

    @Test
    void rejectsBadSlotRange() {
        assertThatThrownBy(() -> new Exp2Histogram(5, 4, 1)).hasMessageContaining("5..4");
    }
}
