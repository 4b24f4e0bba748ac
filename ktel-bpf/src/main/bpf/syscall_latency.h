/* SPDX-License-Identifier: (GPL-2.0 OR BSD-2-Clause) */
/* Types shared by syscall_latency.bpf.c and dev.ktel.bpf.probe.syscall.SyscallLatencyLayout. */
#ifndef KTEL_SYSCALL_LATENCY_H
#define KTEL_SYSCALL_LATENCY_H

/* syscall number -> group; numbers at or above this are counted in group 0 (other) */
#define KTEL_SYSCALL_NR_MAX 512
/* groups 0..KTEL_SYSCALL_GROUPS-1; the names live in Java (SyscallGroup) */
#define KTEL_SYSCALL_GROUPS 16
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
	__u32 pad;
};

/* .rodata of syscall_latency.bpf.o, set from Java before load */
struct syscall_cfg {
	__u32 sample_mask;	/* 2^k - 1: one syscall in 2^k is timed (0: all) */
};

#endif
