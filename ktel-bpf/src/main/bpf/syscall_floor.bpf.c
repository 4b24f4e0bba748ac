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
