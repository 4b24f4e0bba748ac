#!/usr/bin/env bash
# bpf-sched-overhead.sh: cost per context switch of ktel's run queue latency probe (ebpf_runqueue), in one run.
#
# Load: bench/src/pingpong_cpu.c, a parent and a child pinned to one CPU passing a byte over pipes (each round
# trip: 2 wakeups, 2 context switches, 4 pipe syscalls), timed with the CPU clocks of both processes. Pinned
# to each CPU in turn, REPS repetitions of N round trips per phase, a baseline between phases. Phases:
#   runqueue   the collector with its defaults (tp_btf sched_wakeup, sched_wakeup_new, sched_switch)
# Prints per CPU and the mean the ns added per round trip (median phase - median of the baselines on that
# CPU) and per context switch (half of it). kernel.bpf_stats_enabled is forced to 0 while timing.
# Env: N (50000) REPS (5) CPUS (all online) PHASES (runqueue) CC (gcc)
# Needs: root, BTF, a built ktel-bpf (mvn -pl ktel-bpf -am package), JDK 25, gcc, taskset.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
N=${N:-50000}; REPS=${REPS:-5}
CPUS=${CPUS:-$(awk -F- '{ if (NF == 2) for (i = $1; i <= $2; i++) printf "%d ", i; else printf "%s ", $1 }' RS=, /sys/devices/system/cpu/online)}
PHASES=${PHASES:-runqueue}
CC=${CC:-gcc}
JAVA=${JAVA_HOME:+$JAVA_HOME/bin/}java
log() { printf '# %s\n' "$*" >&2; }
die() { printf '# ERROR: %s\n' "$*" >&2; exit 1; }
median() { sort -g | awk '{a[NR]=$1} END{ if (NR==0) {print "nan"; exit} print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2 }'; }
calc() { awk "BEGIN{ printf \"${FMT:-%.1f}\\n\", ($1) }"; }
[ "$(id -u)" = 0 ] || die "must run as root"
[ -r /sys/kernel/btf/vmlinux ] || die "no kernel BTF (/sys/kernel/btf/vmlinux)"
CLASSES=$ROOT/ktel-bpf/target/classes
[ -f "$CLASSES/bpf/runqueue_latency.bpf.o" ] || die "ktel-bpf not built with BPF objects ($CLASSES/bpf)"
SLF4J=$(find "${HOME}/.m2/repository/org/slf4j/slf4j-api" -name 'slf4j-api-2*.jar' | sort | tail -n1)
CP=$CLASSES:$ROOT/ktel-collectors/target/classes:$ROOT/ktel-core/target/classes:$SLF4J

WORK=$(mktemp -d /tmp/ktel-bpf-sched.XXXXXX)
HOLDER=""
STATS_WAS=$(cat /proc/sys/kernel/bpf_stats_enabled 2>/dev/null || echo 0)
cleanup() {
  [ -z "$HOLDER" ] || { exec 7>&- 2>/dev/null || true; kill "$HOLDER" 2>/dev/null || true; wait "$HOLDER" 2>/dev/null || true; }
  echo "$STATS_WAS" > /proc/sys/kernel/bpf_stats_enabled 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT
echo 0 > /proc/sys/kernel/bpf_stats_enabled 2>/dev/null || true
"$CC" -O2 -Wall -o "$WORK/pingpong" "$ROOT/bench/src/pingpong_cpu.c"

run_load() {
  local c
  for c in $CPUS; do taskset -c "$c" "$WORK/pingpong" "$N" "$REPS" >> "$WORK/$1.cpu$c.txt"; done
  log "  $1: $(for c in $CPUS; do printf 'cpu%s median %s  ' "$c" "$(median < "$WORK/$1.cpu$c.txt")"; done)"
}
attach() {
  local i
  rm -f "$WORK/in"; mkfifo "$WORK/in"
  "$JAVA" --enable-native-access=ALL-UNNAMED -Xmx64m -cp "$CP" dev.ktel.bpf.tools.BpfAttach "$1" \
    < "$WORK/in" > "$WORK/holder.out" 2> "$WORK/holder.err" &
  HOLDER=$!
  exec 7> "$WORK/in"
  for i in $(seq 600); do
    grep -q READY "$WORK/holder.out" 2>/dev/null && return 0
    kill -0 "$HOLDER" 2>/dev/null || { cat "$WORK/holder.err" >&2; die "$1: holder exited"; }
    sleep 0.05
  done
  die "$1: not attached in 30 s"
}
detach() { exec 7>&-; wait "$HOLDER" 2>/dev/null || true; HOLDER=""; }

log "pingpong x $N round trips per repetition, $REPS repetitions per CPU per phase, CPUs: $CPUS; phases: $PHASES"
run_load base
for p in $PHASES; do attach "$p"; run_load "$p"; detach; run_load base; done
echo "# ---- results: $(uname -r) $(nproc) CPUs $(date -u +%FT%TZ) load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "bpf.pingpong_baseline $(cat "$WORK"/base.cpu*.txt | median) ns/round_trip"
for p in $PHASES; do
  sum=0; nc=0
  for c in $CPUS; do
    B=$(median < "$WORK/base.cpu$c.txt"); P=$(median < "$WORK/$p.cpu$c.txt")
    echo "bpf.cpu$c.$p.ns_added_per_context_switch $(calc "($P-$B)/2") ns"
    sum=$(calc "$sum+($P-$B)/2"); nc=$((nc+1))
  done
  echo "bpf.$p.ns_added_per_context_switch $(calc "$sum/$nc") ns_mean_over_cpus"
done
