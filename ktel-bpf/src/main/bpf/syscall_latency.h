/* SPDX-License-Identifier: (GPL-2.0 OR BSD-2-Clause) */
/* Types shared by syscall_latency.bpf.c and dev.ktel.bpf.probe.syscall.SyscallLatencyLayout. */
#ifndef KTEL_SYSCALL_LATENCY_H
#define KTEL_SYSCALL_LATENCY_H

/* syscall number -> group; numbers at or above this are counted in group 0 (other) */
#define KTEL_SYSCALL_NR_MAX 512
/* groups 0..KTEL_SYSCALL_GROUPS-1; the names live in Java (SyscallGroup) */
#define KTEL_SYSCALL_GROUPS 16
/* cgroup slots 0..KTEL_CGROUP_SLOTS-1 (0: any cgroup without a slot); histogram key = slot * GROUPS + group */
#define KTEL_CGROUP_SLOTS 64
/* log2 slots 0..KTEL_SYSCALL_SLOTS-1 of nanoseconds; the last one also holds everything longer */
#define KTEL_SYSCALL_SLOTS 40

/* one per-CPU value of map syscall_latency_seconds, key = group (u32) */
struct syscall_hist {
	__u64 slots[KTEL_SYSCALL_SLOTS];
	__u64 sum_ns;
};

/* start of the syscall in flight of one task */
struct syscall_start {
	__u64 ts_ns;
	__u32 group;
	__u32 pad;
};

/* the sampled syscall in flight on one CPU (per-CPU array, one entry); ts_ns == 0: none */
struct syscall_inflight {
	__u64 ts_ns;
	__u32 tid;
	__u32 group;
	__u32 rnd;	/* xorshift32 state of this CPU's sampling */
	__u32 cslot;	/* cgroup slot of css_set below, valid while gen matches */
	__u64 css_set;	/* cache: the last task->cgroups seen on this CPU */
	__u64 gen;	/* cgroup_slot generation the cache was filled in */
};

/* .rodata of syscall_latency.bpf.o, set from Java before load */
struct syscall_cfg {
	__u32 sample_mask;	/* 2^k - 1: one syscall in 2^k is timed (0: all) */
	__u32 cgroup_mode;	/* KTEL_CGROUP_*: which cgroup the cgroup dimension uses */
};

#define KTEL_CGROUP_NONE 0	/* no cgroup dimension: everything in slot 0 */
#define KTEL_CGROUP_V2 1	/* task->cgroups->dfl_cgrp */
#define KTEL_CGROUP_V1_MEMORY 2	/* task->cgroups->subsys[memory_cgrp_id]->cgroup */
#define KTEL_CGROUP_V1_CPU 3	/* task->cgroups->subsys[cpu_cgrp_id]->cgroup */

#endif
