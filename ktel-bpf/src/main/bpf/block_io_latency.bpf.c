// SPDX-License-Identifier: (GPL-2.0 OR BSD-2-Clause)
/*
 * ktel_block_io_latency_seconds{device,operation}: block_rq_issue -> block_rq_complete of the same request
 * (time on the device, after the I/O scheduler), as log2 nanosecond slots per (device, operation) in a hash
 * with atomic adds (few keys, far fewer events than syscalls). Requests issued and not yet completed stay in
 * block_inflight, which Java counts per device for ktel_block_io_in_flight.
 */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include "include/bits.bpf.h"
#include "block_io_latency.h"

char LICENSE[] SEC("license") = "Dual BSD/GPL";

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 16384);
	__type(key, __u64);
	__type(value, struct block_start);
} block_inflight SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 1024);
	__type(key, struct block_key);
	__type(value, struct block_hist);
} block_io_latency_seconds SEC(".maps");

SEC("tp_btf/block_rq_issue")
int BPF_PROG(block_issue, struct request *rq)
{
	struct gendisk *disk = rq->q->disk;
	struct block_start s = {};
	__u64 addr = (__u64)rq;

	if (!disk)
		return 0;
	s.ts_ns = bpf_ktime_get_ns();
	s.key.dev = ((__u32)disk->major << 20) | (__u32)disk->first_minor;
	s.key.op = rq->cmd_flags & 0xff;
	bpf_map_update_elem(&block_inflight, &addr, &s, BPF_ANY);
	return 0;
}

SEC("tp_btf/block_rq_complete")
int BPF_PROG(block_complete, struct request *rq, blk_status_t error, unsigned int nr_bytes)
{
	static const struct block_hist zero = {};
	__u64 addr = (__u64)rq, delta;
	struct block_start *s;
	struct block_key key;
	struct block_hist *h;
	__u32 slot;

	s = bpf_map_lookup_elem(&block_inflight, &addr);
	if (!s)
		return 0;
	delta = bpf_ktime_get_ns() - s->ts_ns;
	key = s->key;
	bpf_map_delete_elem(&block_inflight, &addr);
	h = bpf_map_lookup_elem(&block_io_latency_seconds, &key);
	if (!h) {
		bpf_map_update_elem(&block_io_latency_seconds, &key, &zero, BPF_NOEXIST);
		h = bpf_map_lookup_elem(&block_io_latency_seconds, &key);
		if (!h)
			return 0;
	}
	slot = exp2_slot(delta, KTEL_BLOCK_SLOTS - 1);
	if (slot < KTEL_BLOCK_SLOTS)
		__sync_fetch_and_add(&h->slots[slot], 1);
	__sync_fetch_and_add(&h->sum_ns, delta);
	return 0;
}
