/* SPDX-License-Identifier: (GPL-2.0 OR BSD-2-Clause) */
/* Types shared by block_io_latency.bpf.c and dev.ktel.bpf.probe.block.BlockIoLatencyCollector. */
#ifndef KTEL_BLOCK_IO_LATENCY_H
#define KTEL_BLOCK_IO_LATENCY_H

#define KTEL_BLOCK_SLOTS 40

/* key of map block_io_latency_seconds */
struct block_key {
	__u32 dev;	/* MKDEV(major, minor): major << 20 | minor */
	__u32 op;	/* REQ_OP_* (cmd_flags & 0xff) */
};

/* value of map block_io_latency_seconds (shared by all CPUs: atomic adds) */
struct block_hist {
	__u64 slots[KTEL_BLOCK_SLOTS];
	__u64 sum_ns;
};

/* value of map block_inflight, key = the request's address */
struct block_start {
	__u64 ts_ns;
	struct block_key key;
};

#endif
