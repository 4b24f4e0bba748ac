#!/usr/bin/env bash
# bpf-syscall-overhead.sh: cost per system call of ktel's syscall latency probe, in one run.
#
# A getppid loop is pinned to each CPU in turn, REPS repetitions of N syscalls per CPU per phase. Phases, each followed by a baseline:
#   floor-raw_tp / floor-tp_btf   ktel's own empty programs on raw_syscalls sys_enter+sys_exit: the kernel's
#                                 dispatch cost, which no probe on these hooks can beat
#   raw_tp-pcpu[/N] / raw_tp-task / tp_btf-task / raw_tp-hash   ktel's histogram (hook type x where the
#                                 start time is kept; /N: one syscall in N timed, the collector's default is 8)
#   floor-pcpu / floor-ktime / floor-tid   cost components (a per-CPU array access, a clock read, the tid)
#   bpftrace                      the classic one-liner (if bpftrace is installed)
# Prints per CPU and as the mean over CPUs the ns added per syscall (median phase - median of the baselines
# on that CPU), and the ratios to bpftrace and to the floor of the same hook type. kernel.bpf_stats_enabled
# is forced to 0 while timing (restored on exit).
# The loop: LOOP=cpu (default) is bench/src/getppid_cpu_loop.c, which times with the thread's CPU clock so
# that time spent descheduled on a busy machine does not count; LOOP=wall is getppid_loop.c of the shared
# bench directory (the bpftrace comparison's own loop, wall clock: only meaningful on an idle machine).
# A phase listed twice is run twice; its repetitions are pooled (interleaving cancels drift on a busy host).
# COST=1 also runs dev.ktel.bpf.tools.CollectCost: the agent-side CPU for reading the probe's maps once a
# second for COST_SECONDS (30), and the RSS of that JVM.
# Env: N (2000000) REPS (5) CPUS (all online) PHASES (all above) LOOP (cpu) SHARED_BENCH (../../shared/bench)
#      CC (gcc)
# Needs: root, BTF, a built ktel-bpf (mvn -pl ktel-bpf -am package or test), JDK 25, gcc, taskset.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
N=${N:-2000000}; REPS=${REPS:-5}
CPUS=${CPUS:-$(awk -F- '{ if (NF == 2) for (i = $1; i <= $2; i++) printf "%d ", i; else printf "%s ", $1 }' RS=, /sys/devices/system/cpu/online)}
PHASES=${PHASES:-floor-raw_tp raw_tp-pcpu/8 raw_tp-pcpu raw_tp-hash bpftrace floor-tp_btf tp_btf-task raw_tp-task}
SHARED_BENCH=${SHARED_BENCH:-$ROOT/../shared/bench}
CC=${CC:-gcc}
JAVA=${JAVA_HOME:+$JAVA_HOME/bin/}java
log() { printf '# %s\n' "$*" >&2; }
die() { printf '# ERROR: %s\n' "$*" >&2; exit 1; }
median() { sort -g | awk '{a[NR]=$1} END{ if (NR==0) {print "nan"; exit} print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2 }'; }
calc() { awk "BEGIN{ printf \"${FMT:-%.1f}\\n\", ($1) }"; }
[ "$(id -u)" = 0 ] || die "must run as root"
[ -r /sys/kernel/btf/vmlinux ] || die "no kernel BTF (/sys/kernel/btf/vmlinux)"
LOOP=${LOOP:-cpu}
case "$LOOP" in
  cpu) LOOP_SRC=$ROOT/bench/src/getppid_cpu_loop.c ;;
  wall) LOOP_SRC=$SHARED_BENCH/src/getppid_loop.c ;;
  *) die "LOOP must be cpu or wall, got $LOOP" ;;
esac
[ -f "$LOOP_SRC" ] || die "loop source $LOOP_SRC not found (SHARED_BENCH=$SHARED_BENCH)"
CLASSES=$ROOT/ktel-bpf/target/classes
[ -f "$CLASSES/bpf/syscall_latency.bpf.o" ] || die "ktel-bpf not built with BPF objects ($CLASSES/bpf)"
SLF4J=$(find "${HOME}/.m2/repository/org/slf4j/slf4j-api" -name 'slf4j-api-2*.jar' | sort | tail -n1)
CP=$CLASSES:$ROOT/ktel-collectors/target/classes:$ROOT/ktel-core/target/classes:$SLF4J

WORK=$(mktemp -d /tmp/ktel-bpf-bench.XXXXXX)
HOLDER=""
STATS_WAS=$(cat /proc/sys/kernel/bpf_stats_enabled 2>/dev/null || echo 0)
cleanup() {
  [ -z "$HOLDER" ] || { exec 7>&- 2>/dev/null || true; kill "$HOLDER" 2>/dev/null || true; wait "$HOLDER" 2>/dev/null || true; }
  echo "$STATS_WAS" > /proc/sys/kernel/bpf_stats_enabled 2>/dev/null || true
  [ "${TRACEFS_MOUNTED:-0}" = 0 ] || umount /sys/kernel/tracing 2>/dev/null || true
  [ "${KEEP_WORK:-0}" = 1 ] || rm -rf "$WORK"
}
trap cleanup EXIT
# bpftrace finds tracepoints through tracefs: mount it (unmounted on exit) when it is not there
TRACEFS_MOUNTED=0
if [ ! -e /sys/kernel/tracing/events ] && [ ! -e /sys/kernel/debug/tracing/events ]; then
  mount -t tracefs nodev /sys/kernel/tracing && TRACEFS_MOUNTED=1
fi
ulimit -l unlimited 2>/dev/null || true   # bpftrace insists on raising RLIMIT_MEMLOCK
echo 0 > /proc/sys/kernel/bpf_stats_enabled 2>/dev/null || true
"$CC" -O2 -Wall -o "$WORK/getppid_loop" "$LOOP_SRC"

run_load() {
  local c
  for c in $CPUS; do taskset -c "$c" "$WORK/getppid_loop" "$N" "$REPS" >> "$WORK/${1//\//_}.cpu$c.txt"; done
  [ "$(cat /proc/sys/kernel/bpf_stats_enabled 2>/dev/null || echo 0)" = 0 ] || log "  WARNING: kernel.bpf_stats_enabled is on while timing $1"
  log "  $1: $(for c in $CPUS; do printf 'cpu%s median %s  ' "$c" "$(median < "$WORK/${1//\//_}.cpu$c.txt")"; done)"
}

# attach PHASE : starts a holder process with the phase's programs attached; waits for READY
attach() {
  local i f=${1//\//_}
  if [ "$1" = bpftrace ]; then
    bpftrace -e 'BEGIN { printf("READY\n"); }
tracepoint:raw_syscalls:sys_enter { @start[tid] = nsecs; }
tracepoint:raw_syscalls:sys_exit /@start[tid]/ { @ns = hist(nsecs - @start[tid]); delete(@start[tid]); }' \
      > "$WORK/holder.out" 2> "$WORK/holder.err" &
    HOLDER=$!
  else
    rm -f "$WORK/in.$f"; mkfifo "$WORK/in.$f"
    "$JAVA" --enable-native-access=ALL-UNNAMED -Xmx64m -cp "$CP" dev.ktel.bpf.tools.BpfAttach "$1" \
      < "$WORK/in.$f" > "$WORK/holder.out" 2> "$WORK/holder.err" &
    HOLDER=$!
    exec 7> "$WORK/in.$f"
  fi
  for i in $(seq 600); do
    grep -q READY "$WORK/holder.out" 2>/dev/null && return 0
    kill -0 "$HOLDER" 2>/dev/null || { cat "$WORK/holder.err" >&2; die "$1: holder exited"; }
    sleep 0.05
  done
  die "$1: not attached in 30 s"
}
detach() {
  # TERM, not INT: background jobs of a non-interactive shell ignore SIGINT
  if [ "$1" = bpftrace ]; then kill -TERM "$HOLDER"; else exec 7>&-; fi
  wait "$HOLDER" 2>/dev/null || true
  HOLDER=""
}

log "loop $LOOP ($(basename "$LOOP_SRC")), getppid x $N per repetition, $REPS repetitions per CPU per phase, CPUs: $CPUS; phases: $PHASES"
run_load base
DONE=""
for p in $PHASES; do
  if [ "$p" = bpftrace ] && ! command -v bpftrace >/dev/null; then log "bpftrace not installed: phase skipped"; continue; fi
  attach "$p"
  run_load "$p"
  detach "$p"
  run_load base
  case " $DONE " in *" $p "*) ;; *) DONE="$DONE $p" ;; esac
done

echo "# ---- results: $(hostname) $(uname -r) $(nproc) CPUs $(date -u +%FT%TZ) load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "bpf.getppid_baseline $(cat "$WORK"/base.cpu*.txt | median) ns/call"
declare -A MEAN
for p in $DONE; do
  sum=0; nc=0
  for c in $CPUS; do
    B=$(median < "$WORK/base.cpu$c.txt"); P=$(median < "$WORK/${p//\//_}.cpu$c.txt")
    echo "bpf.cpu$c.$p.ns_added_per_syscall $(calc "$P-$B") ns"
    sum=$(calc "$sum+$P-$B"); nc=$((nc+1))
  done
  MEAN[$p]=$(calc "$sum/$nc")
  echo "bpf.$p.ns_added_per_syscall ${MEAN[$p]} ns_mean_over_cpus"
done
ratio() { [ -n "${MEAN[$1]:-}" ] && [ -n "${MEAN[$2]:-}" ] && echo "bpf.$1.vs_$2 $(FMT=%.2f calc "${MEAN[$1]}/${MEAN[$2]}") x"; return 0; }
for p in $DONE; do
  case "$p" in
    floor-*|bpftrace) ;;
    tp_btf-*) ratio "$p" floor-tp_btf; ratio "$p" bpftrace ;;
    *) ratio "$p" floor-raw_tp; ratio "$p" bpftrace ;;
  esac
done
if [ "${COST:-0}" = 1 ]; then
  "$JAVA" --enable-native-access=ALL-UNNAMED -Xmx64m -cp "$CP" dev.ktel.bpf.tools.CollectCost "${COST_SECONDS:-30}" 2>/dev/null
fi
