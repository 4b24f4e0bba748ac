// SPDX-License-Identifier: (GPL-2.0 OR BSD-2-Clause)
/*
 * Empty programs on the hooks syscall_latency.bpf.c uses: the kernel's dispatch cost, which no probe on
 * these hooks can beat. Used by bench/bpf-syscall-overhead.sh as the floor.
 */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>

char LICENSE[] SEC("license") = "Dual BSD/GPL";

SEC("raw_tp/sys_enter")
int BPF_PROG(floor_raw_enter) { return 0; }

SEC("raw_tp/sys_exit")
int BPF_PROG(floor_raw_exit) { return 0; }

SEC("tp_btf/sys_enter")
int BPF_PROG(floor_btf_enter) { return 0; }

SEC("tp_btf/sys_exit")
int BPF_PROG(floor_btf_exit) { return 0; }

/*
 * Cost components, for the benchmark only (bench/bpf-syscall-overhead.sh phases floor-<x>): each pair does
 * one thing the histogram programs do, so their cost above the empty pair says where the time goes.
 */
struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, __u64);
} floor_scratch SEC(".maps");

static __always_inline __u64 *scratch(void)
{
	__u32 zero = 0;

	return bpf_map_lookup_elem(&floor_scratch, &zero);
}

/* a per-CPU array lookup and a store */
SEC("raw_tp/sys_enter")
int BPF_PROG(floor_pcpu_enter) { __u64 *s = scratch(); if (s) *s = 1; return 0; }
SEC("raw_tp/sys_exit")
int BPF_PROG(floor_pcpu_exit) { __u64 *s = scratch(); if (s) *s = 0; return 0; }

/* one clock read per hook */
SEC("raw_tp/sys_enter")
int BPF_PROG(floor_ktime_enter) { __u64 *s = scratch(); if (s) *s = bpf_ktime_get_ns(); return 0; }
SEC("raw_tp/sys_exit")
int BPF_PROG(floor_ktime_exit) { __u64 *s = scratch(); if (s) *s = bpf_ktime_get_ns() - *s; return 0; }

/* the current tid per hook */
SEC("raw_tp/sys_enter")
int BPF_PROG(floor_tid_enter) { __u64 *s = scratch(); if (s) *s = bpf_get_current_pid_tgid(); return 0; }
SEC("raw_tp/sys_exit")
int BPF_PROG(floor_tid_exit) { __u64 *s = scratch(); if (s) *s += bpf_get_current_pid_tgid(); return 0; }
