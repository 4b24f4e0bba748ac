// SPDX-License-Identifier: (GPL-2.0 OR BSD-2-Clause)
/*
 * ktel_syscall_latency_seconds: time from raw_syscalls:sys_enter to sys_exit of the same task, as log2
 * nanosecond slots per syscall group in a per-CPU array (key = group).
 *
 * Variants (Java loads one pair, the others get autoload=false):
 *   enter_raw_ts / exit_raw_ts   raw_tp + task-local storage for the start time
 *   enter_btf_ts / exit_btf_ts   tp_btf + task-local storage
 *   enter_raw_hash / exit_raw_hash raw_tp + a hash keyed by tid (what bpftrace's one-liner does)
 *   enter_raw_pcpu / exit_raw_pcpu / switch_btf_pcpu
 *                                  raw_tp + a per-CPU in-flight slot, sched_switch parks the slot of a task
 *                                  switched out inside a syscall; optional sampling (default hook)
 */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>
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
	__uint(max_entries, KTEL_CGROUP_SLOTS * KTEL_SYSCALL_GROUPS);
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
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct syscall_inflight);
} syscall_inflight SEC(".maps");

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

static __always_inline void record(struct syscall_start *s, __u32 cslot)
{
	__u64 ts = s->ts_ns;
	__u32 group = s->group + cslot * KTEL_SYSCALL_GROUPS;
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
		record(s, 0);
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
	record(s, 0);
	bpf_map_delete_elem(&syscall_start_tid, &tid);
	return 0;
}

/*
 * Per-CPU in-flight slot (hook raw_tp-pcpu). Reading the clock is by far the most expensive part of a
 * probe here (kvm-clock: ~75-225 ns per read, measured: README "Cost"), so one syscall in 2^k is timed,
 * chosen by a per-CPU xorshift (a counter would alias with periodic syscall patterns); counts and sums
 * are scaled by 2^k in Java and the ratio is exported. An untimed syscall costs a per-CPU array lookup
 * at enter and at exit (inlined by the verifier) and no helper call.
 *
 * A timed syscall returns on the CPU it entered unless its task is switched out inside it. sched_switch
 * moves the outgoing task's slot (set only while it is inside a timed syscall: exit clears it) into the
 * tid hash and moves the incoming task's entry, if any, back into the CPU's slot. So sys_exit looks only
 * at its CPU's slot, and the hash is touched once per context switch instead of per syscall.
 */
const volatile struct syscall_cfg cfg = {};

/* kernfs id of a cgroup -> slot, filled from Java (bounded: top cgroups, the rest in slot 0) */
struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, KTEL_CGROUP_SLOTS);
	__type(key, __u64);
	__type(value, __u32);
} cgroup_slot SEC(".maps");

/* bumped by Java after changing cgroup_slot, so the per-CPU caches refill */
struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, __u64);
} cgroup_slot_gen SEC(".maps");

/*
 * The cgroup slot of the current task. On hybrid hosts bpf_get_current_cgroup_id() gives the cgroup2 id,
 * the root for tasks that live in v1 hierarchies only, so the cgroup is read from the task's css_set
 * (CO-RE, direct loads through the BTF task pointer). Tasks of one cgroup share a css_set, so the result is
 * cached per CPU by css_set address: the hash lookup runs only when the CPU sees another css_set.
 */
static __always_inline __u32 cgroup_slot_of_current(struct syscall_inflight *f)
{
	struct task_struct *t;
	struct css_set *cs;
	struct cgroup *cg;
	__u64 id, *gen, g;
	__u32 zero = 0, *slot;

	if (cfg.cgroup_mode == KTEL_CGROUP_NONE)
		return 0;
	gen = bpf_map_lookup_elem(&cgroup_slot_gen, &zero);
	g = gen ? *gen : 0;
	t = bpf_get_current_task_btf();
	cs = t->cgroups;
	if ((__u64)cs == f->css_set && g == f->gen)
		return f->cslot;
	if (cfg.cgroup_mode == KTEL_CGROUP_V2)
		cg = cs->dfl_cgrp;
	else if (cfg.cgroup_mode == KTEL_CGROUP_V1_MEMORY)
		cg = cs->subsys[bpf_core_enum_value(enum cgroup_subsys_id, memory_cgrp_id)]->cgroup;
	else
		cg = cs->subsys[bpf_core_enum_value(enum cgroup_subsys_id, cpu_cgrp_id)]->cgroup;
	id = cg->kn->id;
	slot = bpf_map_lookup_elem(&cgroup_slot, &id);
	f->css_set = (__u64)cs;
	f->gen = g;
	f->cslot = slot && *slot < KTEL_CGROUP_SLOTS ? *slot : 0;
	return f->cslot;
}

struct {
	__uint(type, BPF_MAP_TYPE_LRU_HASH); /* entries of tasks that die inside a syscall age out */
	__uint(max_entries, 16384);
	__type(key, __u32);
	__type(value, struct syscall_inflight);
} syscall_parked SEC(".maps");

static __always_inline struct syscall_inflight *inflight(void)
{
	__u32 zero = 0;

	return bpf_map_lookup_elem(&syscall_inflight, &zero);
}

SEC("raw_tp/sys_enter")
int BPF_PROG(enter_raw_pcpu, struct pt_regs *regs, long id)
{
	struct syscall_inflight *f = inflight();
	__u32 x;

	if (!f)
		return 0;
	if (cfg.sample_mask) {
		x = f->rnd ? f->rnd : 2463534242u;
		x ^= x << 13;
		x ^= x >> 17;
		x ^= x << 5;
		f->rnd = x;
		if (x & cfg.sample_mask)
			return 0;
	}
	if (id == 60 || id == 231) /* exit, exit_group: never reach sys_exit */
		return 0;
	f->tid = (__u32)bpf_get_current_pid_tgid();
	f->group = group_of(id);
	f->ts_ns = bpf_ktime_get_ns();
	return 0;
}

SEC("raw_tp/sys_exit")
int BPF_PROG(exit_raw_pcpu, struct pt_regs *regs, long ret)
{
	struct syscall_inflight *f = inflight();
	struct syscall_start local;

	if (!f || !f->ts_ns)
		return 0;
	if (f->tid != (__u32)bpf_get_current_pid_tgid()) {
		f->ts_ns = 0; /* torn by preemption inside a BPF program: drop it */
		return 0;
	}
	local.ts_ns = f->ts_ns;
	local.group = f->group;
	f->ts_ns = 0;
	record(&local, cgroup_slot_of_current(f));
	return 0;
}

SEC("tp_btf/sched_switch")
int BPF_PROG(switch_btf_pcpu, bool preempt, struct task_struct *prev, struct task_struct *next)
{
	struct syscall_inflight *f = inflight(), *p;
	__u32 tid;

	if (!f)
		return 0;
	if (f->ts_ns) {
		tid = f->tid;
		bpf_map_update_elem(&syscall_parked, &tid, f, BPF_ANY);
		f->ts_ns = 0;
	}
	tid = next->pid;
	p = bpf_map_lookup_elem(&syscall_parked, &tid);
	if (p) {
		f->ts_ns = p->ts_ns;
		f->tid = p->tid;
		f->group = p->group;
		/* cache fields stay this CPU's */
		bpf_map_delete_elem(&syscall_parked, &tid);
	}
	return 0;
}
