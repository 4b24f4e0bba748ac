// SPDX-License-Identifier: (GPL-2.0 OR BSD-2-Clause)
/*
 * ktel_runqueue_latency_seconds: time a task spends runnable but not running, from sched_wakeup /
 * sched_wakeup_new (or being preempted while runnable) to the sched_switch that puts it on a CPU, as log2
 * nanosecond slots per cgroup slot in a per-CPU array (key = cgroup slot, as in syscall_latency.bpf.c).
 */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>
#include "include/bits.bpf.h"
#include "runqueue_latency.h"

char LICENSE[] SEC("license") = "Dual BSD/GPL";

const volatile struct runqueue_cfg cfg = {};

/* pid -> time it became runnable; LRU: tasks that die runnable age out */
struct {
	__uint(type, BPF_MAP_TYPE_LRU_HASH);
	__uint(max_entries, 16384);
	__type(key, __u32);
	__type(value, __u64);
} runnable_since SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, KTEL_RQ_CGROUP_SLOTS);
	__type(key, __u32);
	__type(value, struct runqueue_hist);
} runqueue_latency_seconds SEC(".maps");

/* kernfs id of a cgroup -> slot, filled from Java */
struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, KTEL_RQ_CGROUP_SLOTS);
	__type(key, __u64);
	__type(value, __u32);
} cgroup_slot SEC(".maps");

static __always_inline __u32 cgroup_slot_of(struct task_struct *t)
{
	struct css_set *cs = t->cgroups;
	struct cgroup *cg;
	__u64 id;
	__u32 *slot;

	if (cfg.cgroup_mode == KTEL_RQ_CGROUP_NONE)
		return 0;
	if (cfg.cgroup_mode == KTEL_RQ_CGROUP_V2)
		cg = cs->dfl_cgrp;
	else if (cfg.cgroup_mode == KTEL_RQ_CGROUP_V1_MEMORY)
		cg = cs->subsys[bpf_core_enum_value(enum cgroup_subsys_id, memory_cgrp_id)]->cgroup;
	else
		cg = cs->subsys[bpf_core_enum_value(enum cgroup_subsys_id, cpu_cgrp_id)]->cgroup;
	id = cg->kn->id;
	slot = bpf_map_lookup_elem(&cgroup_slot, &id);
	return slot && *slot < KTEL_RQ_CGROUP_SLOTS ? *slot : 0;
}

static __always_inline void mark_runnable(struct task_struct *p)
{
	__u32 pid = p->pid;
	__u64 ts = bpf_ktime_get_ns();

	if (pid) /* not the idle task */
		bpf_map_update_elem(&runnable_since, &pid, &ts, BPF_ANY);
}

SEC("tp_btf/sched_wakeup")
int BPF_PROG(rq_wakeup, struct task_struct *p)
{
	mark_runnable(p);
	return 0;
}

SEC("tp_btf/sched_wakeup_new")
int BPF_PROG(rq_wakeup_new, struct task_struct *p)
{
	mark_runnable(p);
	return 0;
}

SEC("tp_btf/sched_switch")
int BPF_PROG(rq_switch, bool preempt, struct task_struct *prev, struct task_struct *next, unsigned int prev_state)
{
	struct runqueue_hist *h;
	__u64 *since, delta;
	__u32 pid, cslot, slot;

	if (prev_state == 0) /* TASK_RUNNING: preempted, waits in the queue from now */
		mark_runnable(prev);
	pid = next->pid;
	since = bpf_map_lookup_elem(&runnable_since, &pid);
	if (!since)
		return 0;
	delta = bpf_ktime_get_ns() - *since;
	bpf_map_delete_elem(&runnable_since, &pid);
	cslot = cgroup_slot_of(next);
	h = bpf_map_lookup_elem(&runqueue_latency_seconds, &cslot);
	if (!h)
		return 0;
	slot = exp2_slot(delta, KTEL_RQ_SLOTS - 1);
	if (slot < KTEL_RQ_SLOTS)
		h->slots[slot]++;
	h->sum_ns += delta;
	return 0;
}
