/* SPDX-License-Identifier: (GPL-2.0 OR BSD-2-Clause) */
/* Types shared by runqueue_latency.bpf.c and dev.ktel.bpf.probe.runqueue.RunqueueLatencyCollector. */
#ifndef KTEL_RUNQUEUE_LATENCY_H
#define KTEL_RUNQUEUE_LATENCY_H

/* cgroup slots (0: any cgroup without a slot), as KTEL_CGROUP_SLOTS in syscall_latency.h */
#define KTEL_RQ_CGROUP_SLOTS 64
#define KTEL_RQ_SLOTS 40

/* one per-CPU value of map runqueue_latency_seconds, key = cgroup slot */
struct runqueue_hist {
	__u64 slots[KTEL_RQ_SLOTS];
	__u64 sum_ns;
};

/* .rodata, set from Java before load */
struct runqueue_cfg {
	__u32 cgroup_mode; /* values as KTEL_CGROUP_* in syscall_latency.h */
};

#define KTEL_RQ_CGROUP_NONE 0
#define KTEL_RQ_CGROUP_V2 1
#define KTEL_RQ_CGROUP_V1_MEMORY 2
#define KTEL_RQ_CGROUP_V1_CPU 3

#endif
