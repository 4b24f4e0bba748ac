// SPDX-License-Identifier: (GPL-2.0 OR BSD-2-Clause)
/*
 * Test-only object for the loader tests: a ring buffer fed by a sys_enter program filtered to one process
 * (set in .rodata from Java), a hash map it counts into, and two programs that must fail: one on a
 * tp_btf hook that does not exist (fails at load) and one on a raw tracepoint that does not exist (fails
 * at attach).
 */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>

char LICENSE[] SEC("license") = "Dual BSD/GPL";

struct selftest_cfg {
	__u32 tgid;
	__u32 syscall_nr;
};

const volatile struct selftest_cfg cfg = {};

struct selftest_event {
	__u32 tgid;
	__u32 tid;
	__u64 nr;
};

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 64 * 1024);
} selftest_events SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 64);
	__type(key, __u32);
	__type(value, __u64);
} selftest_counts SEC(".maps");

SEC("raw_tp/sys_enter")
int BPF_PROG(selftest_enter, struct pt_regs *regs, long id)
{
	__u64 pid_tgid = bpf_get_current_pid_tgid();
	struct selftest_event *e;
	__u32 tid = (__u32)pid_tgid;
	__u64 one = 1, *n;

	if ((pid_tgid >> 32) != cfg.tgid || id != cfg.syscall_nr)
		return 0;
	n = bpf_map_lookup_elem(&selftest_counts, &tid);
	if (n)
		__sync_fetch_and_add(n, 1);
	else
		bpf_map_update_elem(&selftest_counts, &tid, &one, BPF_NOEXIST);
	e = bpf_ringbuf_reserve(&selftest_events, sizeof(*e), 0);
	if (!e)
		return 0;
	e->tgid = pid_tgid >> 32;
	e->tid = tid;
	e->nr = id;
	bpf_ringbuf_submit(e, 0);
	return 0;
}

SEC("tp_btf/ktel_no_such_tracepoint")
int BPF_PROG(selftest_missing_btf)
{
	return 0;
}

SEC("raw_tp/ktel_no_such_tracepoint")
int BPF_PROG(selftest_missing_raw)
{
	return 0;
}
