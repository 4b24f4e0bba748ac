// SPDX-License-Identifier: (GPL-2.0 OR BSD-2-Clause)
/*
 * ktel_skb_drops_total{reason} (skb:kfree_skb, by enum skb_drop_reason; the names come from the kernel's BTF
 * in Java) and ktel_tcp_retransmits_total (tcp:tcp_retransmit_skb), as per-CPU counters.
 */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>

char LICENSE[] SEC("license") = "Dual BSD/GPL";

#define KTEL_DROP_REASONS 512 /* SKB_DROP_REASON_MAX is 128 on 6.18; subsystem reasons use high bits: folded */

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, KTEL_DROP_REASONS);
	__type(key, __u32);
	__type(value, __u64);
} skb_drops SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, __u64);
} tcp_retransmits SEC(".maps");

SEC("tp_btf/kfree_skb")
int BPF_PROG(skb_drop, struct sk_buff *skb, void *location, enum skb_drop_reason reason)
{
	__u32 r = (__u32)reason;
	__u64 *n;

	if (r >= KTEL_DROP_REASONS)
		r = KTEL_DROP_REASONS - 1;
	n = bpf_map_lookup_elem(&skb_drops, &r);
	if (n)
		(*n)++;
	return 0;
}

SEC("tp_btf/tcp_retransmit_skb")
int BPF_PROG(tcp_retransmit)
{
	__u32 zero = 0;
	__u64 *n = bpf_map_lookup_elem(&tcp_retransmits, &zero);

	if (n)
		(*n)++;
	return 0;
}
