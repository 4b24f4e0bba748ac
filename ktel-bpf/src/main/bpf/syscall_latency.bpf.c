// SPDX-License-Identifier: (GPL-2.0 OR BSD-2-Clause)
/*
 * ktel_syscall_latency_seconds: time from raw_syscalls:sys_enter to sys_exit of the same task, as log2
 * nanosecond slots per syscall group in a per-CPU array (key = group).
 *
 * Variants (Java loads one pair, the others get autoload=false):
 *   enter_raw_ts / exit_raw_ts   raw_tp + task-local storage for the start time (default)
 *   enter_btf_ts / exit_btf_ts   tp_btf + task-local storage
 *   enter_raw_hash / exit_raw_hash raw_tp + a hash keyed by tid (what bpftrace's one-liner does)
 */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include "include/bits.bpf.h"
#include "syscall_latency.h"

char LICENSE[] SEC("license") = "Dual BSD/GPL";

/* filled from Java before attach: syscall number -> group */
struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, KTEL_SYSCALL_NR_MAX);
	__type(key, __u32);
	__type(value, __u32);
} syscall_group SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, KTEL_SYSCALL_GROUPS);
	__type(key, __u32);
	__type(value, struct syscall_hist);
} syscall_latency_seconds SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_TASK_STORAGE);
	__uint(map_flags, BPF_F_NO_PREALLOC);
	__type(key, int);
	__type(value, struct syscall_start);
} syscall_start_task SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 16384);
	__type(key, __u32);
	__type(value, struct syscall_start);
} syscall_start_tid SEC(".maps");

static __always_inline __u32 group_of(long id)
{
	__u32 nr = (__u32)id;
	__u32 *g;

	if (id < 0 || nr >= KTEL_SYSCALL_NR_MAX)
		return 0;
	g = bpf_map_lookup_elem(&syscall_group, &nr);
	return g && *g < KTEL_SYSCALL_GROUPS ? *g : 0;
}

static __always_inline void record(struct syscall_start *s)
{
	__u64 ts = s->ts_ns;
	__u32 group = s->group;
	struct syscall_hist *h;
	__u64 delta;
	__u32 slot;

	if (!ts)
		return; /* the probe attached while this syscall was in flight */
	s->ts_ns = 0;
	delta = bpf_ktime_get_ns() - ts;
	h = bpf_map_lookup_elem(&syscall_latency_seconds, &group);
	if (!h)
		return;
	slot = exp2_slot(delta, KTEL_SYSCALL_SLOTS - 1);
	if (slot < KTEL_SYSCALL_SLOTS) /* for the verifier */
		h->slots[slot]++;
	h->sum_ns += delta;
}

static __always_inline void enter_task(long id)
{
	struct syscall_start *s;

	s = bpf_task_storage_get(&syscall_start_task, bpf_get_current_task_btf(), 0,
				 BPF_LOCAL_STORAGE_GET_F_CREATE);
	if (!s)
		return;
	s->group = group_of(id);
	s->ts_ns = bpf_ktime_get_ns();
}

static __always_inline void exit_task(void)
{
	struct syscall_start *s;

	s = bpf_task_storage_get(&syscall_start_task, bpf_get_current_task_btf(), 0, 0);
	if (s)
		record(s);
}

SEC("raw_tp/sys_enter")
int BPF_PROG(enter_raw_ts, struct pt_regs *regs, long id)
{
	enter_task(id);
	return 0;
}

SEC("raw_tp/sys_exit")
int BPF_PROG(exit_raw_ts, struct pt_regs *regs, long ret)
{
	exit_task();
	return 0;
}

SEC("tp_btf/sys_enter")
int BPF_PROG(enter_btf_ts, struct pt_regs *regs, long id)
{
	enter_task(id);
	return 0;
}

SEC("tp_btf/sys_exit")
int BPF_PROG(exit_btf_ts, struct pt_regs *regs, long ret)
{
	exit_task();
	return 0;
}

SEC("raw_tp/sys_enter")
int BPF_PROG(enter_raw_hash, struct pt_regs *regs, long id)
{
	__u32 tid = (__u32)bpf_get_current_pid_tgid();
	struct syscall_start s = { .ts_ns = bpf_ktime_get_ns(), .group = group_of(id) };

	bpf_map_update_elem(&syscall_start_tid, &tid, &s, BPF_ANY);
	return 0;
}

SEC("raw_tp/sys_exit")
int BPF_PROG(exit_raw_hash, struct pt_regs *regs, long ret)
{
	__u32 tid = (__u32)bpf_get_current_pid_tgid();
	struct syscall_start *s = bpf_map_lookup_elem(&syscall_start_tid, &tid);

	if (!s)
		return 0;
	record(s);
	bpf_map_delete_elem(&syscall_start_tid, &tid);
	return 0;
}
