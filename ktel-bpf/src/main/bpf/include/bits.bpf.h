/* SPDX-License-Identifier: (GPL-2.0 OR BSD-2-Clause) */
/* log2 helpers after bcc's libbpf-tools/bits.bpf.h (same licence). */
#ifndef KTEL_BITS_BPF_H
#define KTEL_BITS_BPF_H

/* floor(log2(v)) for v > 0; 0 for v == 0. */
static __always_inline __u64 log2_u32(__u32 v)
{
	__u32 shift, r;

	r = (v > 0xFFFF) << 4; v >>= r;
	shift = (v > 0xFF) << 3; v >>= shift; r |= shift;
	shift = (v > 0xF) << 2; v >>= shift; r |= shift;
	shift = (v > 0x3) << 1; v >>= shift; r |= shift;
	r |= (v >> 1);
	return r;
}

static __always_inline __u64 log2_u64(__u64 v)
{
	__u32 hi = v >> 32;

	return hi ? log2_u32(hi) + 32 : log2_u32(v);
}

/*
 * Slot s counts values v with 2^(s-1) < v <= 2^s (slot 0: v <= 1), i.e. ceil(log2(v)), so that slot s is
 * exactly the Prometheus bucket le=2^s. (bcc's print_log2_hist uses floor(log2(v)) instead, whose slots
 * straddle the power of two.) Clamped to max_slot.
 */
static __always_inline __u32 exp2_slot(__u64 v, __u32 max_slot)
{
	__u64 s = v <= 1 ? 0 : log2_u64(v - 1) + 1;

	return s > max_slot ? max_slot : s;
}

#endif
