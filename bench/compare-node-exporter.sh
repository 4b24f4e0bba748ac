#!/usr/bin/env bash
# compare-node-exporter.sh: ktel agent vs node_exporter, side by side in one run.
#
# Starts prometheus-node-exporter (default collectors) and `ktel agent` (default configuration) on loopback,
# then for each: start-up time to the first answered scrape, scrape bytes and series, CPU per scrape
# (utime+stime of the process over N back-to-back plain-text scrapes, one curl each, after a warm-up; the
# same pattern as the shared node_exporter baseline), RSS after the scrapes, and gzip CPU per scrape.
# Rounds alternate between the two agents so drift on a shared VM hits both; medians are reported, with
# the ratio ktel/node_exporter. Every scrape of ktel collects afresh (no cached snapshot).
#
# Load scenario (issue: attribution): CGROUPS=N creates N cgroups (under every mounted v1 controller of
# cpu, cpuacct, memory, pids, blkio, and under the cgroup2 tree), each with one sleeping process, and
# PROCS=N starts N more sleeping processes; all are removed on exit. KTEL_ARGS adds ktel flags, e.g.
# KTEL_ARGS=--collector.process to include the per-process top-N collector.
# Env: ROUNDS (3) N (200) WARMUP (50) NE_PORT (19100) KTEL_PORT (19978) KEEP_WORK (0) CGROUPS (0) PROCS (0)
# Needs: prometheus-node-exporter, curl, a JDK 25 (see ../scripts/lib.sh). Binds 127.0.0.1 only.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=../scripts/lib.sh
source "$ROOT/scripts/lib.sh"

ROUNDS=${ROUNDS:-3}; N=${N:-200}; WARMUP=${WARMUP:-50}
NE_PORT=${NE_PORT:-19100}; KTEL_PORT=${KTEL_PORT:-19978}
NE_BIN=$(command -v prometheus-node-exporter || command -v node_exporter || true)
[ -n "$NE_BIN" ] || die "node_exporter not found (apt-get install prometheus-node-exporter)"
command -v curl >/dev/null || die "curl not found"
CLK=$(getconf CLK_TCK)
WORK=$(mktemp -d /tmp/ktel-bench.XXXXXX)
PIDS=()
LOAD_PIDS=()
CG_DIRS=()
cleanup() {
  local p d; for p in "${PIDS[@]}" "${LOAD_PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${PIDS[@]}" "${LOAD_PIDS[@]}"; do wait "$p" 2>/dev/null || true; done
  for d in "${CG_DIRS[@]}"; do rmdir "$d" 2>/dev/null || true; done
  [ "${KEEP_WORK:-0}" = 1 ] || rm -rf "$WORK"
}
trap cleanup EXIT
log() { printf '# %s\n' "$*" >&2; }
port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
port_free "$NE_PORT" || die "127.0.0.1:$NE_PORT is busy (set NE_PORT)"
port_free "$KTEL_PORT" || die "127.0.0.1:$KTEL_PORT is busy (set KTEL_PORT)"

ticks() { local r; read -r r < "/proc/$1/stat"; r=${r##*) }; set -- $r; echo $(( ${12} + ${13} )); }
rss_mib() { awk '/^VmRSS:/{printf "%.1f", $2/1024}' "/proc/$1/status"; }
now_ms() { echo $(( $(date +%s%N) / 1000000 )); }
median() { sort -g | awk '{a[NR]=$1} END{print (NR%2)? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
calc() { awk "BEGIN{printf \"${FMT:-%.3f}\", $1}"; }

wait_up() { # URL PID -> ms until the first 200
  local url=$1 pid=$2 t0=$3 i
  for i in $(seq 3000); do
    curl -fs -o /dev/null --max-time 1 "$url" && { echo $(( $(now_ms) - t0 )); return 0; }
    kill -0 "$pid" 2>/dev/null || die "process $pid died while starting"
    sleep 0.01
  done
  die "no answer from $url"
}

# optional load: cgroups with a process each, and plain processes
CGROUPS=${CGROUPS:-0}; PROCS=${PROCS:-0}
if [ "$CGROUPS" -gt 0 ]; then
  [ "$(id -u)" = 0 ] || die "CGROUPS needs root"
  roots=()
  for c in cpu cpuacct memory pids blkio; do
    d=$(awk -v c="$c" '$3=="cgroup" && $4 ~ ("(^|,)" c "(,|$)") {print $2; exit}' /proc/mounts)
    [ -n "$d" ] && [[ " ${roots[*]} " != *" $d "* ]] && roots+=("$d")
  done
  v2=$(awk '$3=="cgroup2" {print $2; exit}' /proc/mounts); [ -n "$v2" ] && roots+=("$v2")
  log "creating $CGROUPS cgroups under: ${roots[*]}"
  for i in $(seq "$CGROUPS"); do
    sleep 600 & p=$!; LOAD_PIDS+=("$p")
    for r in "${roots[@]}"; do
      d="$r/ktel-bench-$i"; mkdir -p "$d" && CG_DIRS+=("$d")
      echo "$p" > "$d/cgroup.procs" 2>/dev/null || true
    done
  done
fi
if [ "$PROCS" -gt 0 ]; then
  log "starting $PROCS sleeping processes"
  for i in $(seq "$PROCS"); do sleep 600 & LOAD_PIDS+=("$!"); done
fi

# ktel: build (and train its AOT cache) before timing start-up
"$ROOT/ktel" --version >/dev/null
log "$("$NE_BIN" --version 2>&1 | head -n1)"
log "$("$ROOT/ktel" --version | head -n1)"

t0=$(now_ms)
"$NE_BIN" --web.listen-address="127.0.0.1:$NE_PORT" >"$WORK/ne.log" 2>&1 &
NE_PID=$!; PIDS+=("$NE_PID")
NE_START=$(wait_up "http://127.0.0.1:$NE_PORT/metrics" "$NE_PID" "$t0")

t0=$(now_ms)
# shellcheck disable=SC2086
"$ROOT/ktel" agent --listen "127.0.0.1:$KTEL_PORT" --data-dir "$WORK/ktel-data" ${KTEL_ARGS:-} >"$WORK/ktel.log" 2>&1 &
KT_PID=$!; PIDS+=("$KT_PID")
KT_START=$(wait_up "http://127.0.0.1:$KTEL_PORT/metrics" "$KT_PID" "$t0")
# ./ktel execs java, so the PID is the JVM's
log "node_exporter pid $NE_PID (start-up ${NE_START} ms); ktel pid $KT_PID (start-up ${KT_START} ms)"

scrape_loop() { # URL COUNT [HEADER]
  local i
  for i in $(seq "$2"); do curl -fs -o /dev/null ${3:+-H "$3"} "$1"; done
}
cpu_per_scrape() { # PID URL [HEADER] -> ms of CPU per scrape
  local a b
  a=$(ticks "$1"); scrape_loop "$2" "$N" "${3:-}"; b=$(ticks "$1")
  calc "($b-$a)*1000/$CLK/$N"
}

NE_URL="http://127.0.0.1:$NE_PORT/metrics"; KT_URL="http://127.0.0.1:$KTEL_PORT/metrics"
log "warm-up: $WARMUP scrapes each"
scrape_loop "$NE_URL" "$WARMUP"; scrape_loop "$KT_URL" "$WARMUP"
scrape_loop "$NE_URL" 5 "Accept-Encoding: gzip"; scrape_loop "$KT_URL" 5 "Accept-Encoding: gzip"

for r in $(seq "$ROUNDS"); do
  log "round $r/$ROUNDS: $N plain scrapes each, then $N gzip scrapes each"
  cpu_per_scrape "$NE_PID" "$NE_URL" >> "$WORK/ne.cpu"; echo >> "$WORK/ne.cpu"
  cpu_per_scrape "$KT_PID" "$KT_URL" >> "$WORK/kt.cpu"; echo >> "$WORK/kt.cpu"
  cpu_per_scrape "$NE_PID" "$NE_URL" "Accept-Encoding: gzip" >> "$WORK/ne.gz"; echo >> "$WORK/ne.gz"
  cpu_per_scrape "$KT_PID" "$KT_URL" "Accept-Encoding: gzip" >> "$WORK/kt.gz"; echo >> "$WORK/kt.gz"
done

curl -fs "$NE_URL" > "$WORK/ne.txt"; curl -fs "$KT_URL" > "$WORK/kt.txt"
series() { grep -cv -e '^#' -e '^$' "$1"; }
families() { grep -c '^# TYPE ' "$1"; }
NE_CPU=$(median < "$WORK/ne.cpu"); KT_CPU=$(median < "$WORK/kt.cpu")
NE_GZ=$(median < "$WORK/ne.gz"); KT_GZ=$(median < "$WORK/kt.gz")
NE_RSS=$(rss_mib "$NE_PID"); KT_RSS=$(rss_mib "$KT_PID")

printf '# ---- results: host=%s kernel=%s cpus=%s date=%s loadavg=%s rounds=%s n=%s cgroups=%s procs=%s ktel_args=%s\n' \
  "$(uname -n)" "$(uname -r)" "$(nproc)" "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$(cut -d' ' -f1-3 /proc/loadavg | tr ' ' ,)" \
  "$ROUNDS" "$N" "$CGROUPS" "$PROCS" "${KTEL_ARGS:-none}"
printf '%-28s %14s %14s %10s\n' metric node_exporter ktel ratio
row() { printf '%-28s %14s %14s %10s\n' "$1" "$2" "$3" "$(FMT=%.2f calc "$3/$2")x"; }
row cpu_per_scrape_ms "$NE_CPU" "$KT_CPU"
row cpu_per_scrape_gzip_ms "$NE_GZ" "$KT_GZ"
row rss_mib "$NE_RSS" "$KT_RSS"
row scrape_bytes "$(wc -c < "$WORK/ne.txt")" "$(wc -c < "$WORK/kt.txt")"
row series "$(series "$WORK/ne.txt")" "$(series "$WORK/kt.txt")"
row metric_families "$(families "$WORK/ne.txt")" "$(families "$WORK/kt.txt")"
row startup_ms "$NE_START" "$KT_START"
printf '# cpu rounds (ms/scrape): node_exporter %s | ktel %s\n' "$(tr '\n' ' ' < "$WORK/ne.cpu")" "$(tr '\n' ' ' < "$WORK/kt.cpu")"
# coverage: node_exporter families that ktel lacks (a signal-coverage check, not a ratio)
grep '^# TYPE ' "$WORK/ne.txt" | awk '{print $3}' | grep -v -E '^(go_|promhttp_|node_exporter_|process_)' | sort > "$WORK/ne.fam"
grep '^# TYPE ' "$WORK/kt.txt" | awk '{print $3}' | sort > "$WORK/kt.fam"
missing=$(comm -23 "$WORK/ne.fam" "$WORK/kt.fam" | tr '\n' ' ')
printf '# node_exporter families missing in ktel (%s): %s\n' "$(comm -23 "$WORK/ne.fam" "$WORK/kt.fam" | wc -l)" "${missing:-none}"
