#!/usr/bin/env bash
# tsdb-compare.sh: ktel's store vs Prometheus and VictoriaMetrics on the SAME data, in one run.
#
# 1. Generates SERIES (500) node-like series (cpu-seconds and byte counters, page-sized memory gauges, two-decimal
#    pressure gauges, constants; 15 s interval with 0-4 ms jitter; see NodeLikeGenerator) over HOURS (6) ending about
#    now, as one OpenMetrics file and the same samples as Prometheus text (milliseconds) for VictoriaMetrics.
# 2. Imports it into ktel (`ktel tsdb import` path: import, merge, downsample), into Prometheus
#    (`promtool tsdb create-blocks-from openmetrics`) and into VictoriaMetrics (POST /api/v1/import/prometheus, then
#    /internal/force_flush and /internal/force_merge), and prints on-disk bytes per sample and ratios. ktel's figure
#    is its raw blocks (what Prometheus stores); its 5m/1h tiers are printed separately.
# 3. Query latency, 1 h range over all series: ktel = select through the store in-process (all samples decoded);
#    Prometheus and VictoriaMetrics = /api/v1/query_range of the plain selector {__name__=~"node_.*"} with step 15s
#    (HTTP + evaluation + JSON), one curl each. Medians of RUNS (20) after 5 warm-ups (ktel: 100, as the JVM
#    compiles the read path only after use; a server runs warm).
# Env: SERIES (500) HOURS (6) RUNS (20) PROM_PORT (19090) VM_PORT (19428) KEEP_WORK (0) JAR (benchmarks.jar path)
# Needs: prometheus (promtool, prometheus), victoria-metrics, curl, a JDK 25. Binds 127.0.0.1 only.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=../scripts/lib.sh
source "$ROOT/scripts/lib.sh"
find_jdk
export PATH="$JAVA_HOME/bin:$PATH"

SERIES=${SERIES:-500}; HOURS=${HOURS:-6}; RUNS=${RUNS:-20}
PROM_PORT=${PROM_PORT:-19090}; VM_PORT=${VM_PORT:-19428}; KTEL_PORT=${KTEL_PORT:-19977}
CLI_JAR=${CLI_JAR:-$ROOT/ktel-cli/target/ktel.jar}
command -v promtool >/dev/null || die "promtool not found (apt-get install prometheus)"
command -v prometheus >/dev/null || die "prometheus not found (apt-get install prometheus)"
VM_BIN=$(command -v victoria-metrics || command -v victoria-metrics-prod || true)
[ -n "$VM_BIN" ] || die "victoria-metrics not found (apt-get install victoria-metrics)"
command -v curl >/dev/null || die "curl not found"
WORK=$(mktemp -d /tmp/ktel-tsdb-bench.XXXXXX)
PIDS=()
cleanup() {
  local p; for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${PIDS[@]}"; do wait "$p" 2>/dev/null || true; done
  [ "${KEEP_WORK:-0}" = 1 ] || rm -rf "$WORK"
}
trap cleanup EXIT
log() { printf '# %s\n' "$*" >&2; }
wait_http() { local i; for i in $(seq 1 300); do curl -fs -o /dev/null "$1" && return 0; sleep 0.1; done; die "no answer from $1"; }
bytes_of() { du -sb --exclude=wal --exclude=lock --exclude=cache --exclude=flock.lock --exclude=chunks_head "$1" | cut -f1; }
field() { awk -v k="$1" '$1 == k { print $2 }' "$2"; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", a / b }'; }
median_curl() { # URL: median seconds of RUNS GETs after 5 warm-ups
  local i; for i in 1 2 3 4 5; do curl -fs -o /dev/null "$1"; done
  for i in $(seq 1 "$RUNS"); do curl -fs -o /dev/null -w '%{time_total}\n' "$1"; done | sort -n | awk '{ a[NR] = $1 } END { printf "%.3f", a[int((NR + 1) / 2)] * 1000 }'
}

JAR=${JAR:-$ROOT/ktel-benchmarks/target/benchmarks.jar}
if [ ! -f "$JAR" ]; then
  log "building ktel-benchmarks (-Pbench)"
  (cd "$ROOT" && mvn -B -q -Pbench -pl ktel-benchmarks -am package -DskipTests)
fi
tool() { java -XX:+UseParallelGC -Xmx2g -cp "$JAR" dev.ktel.benchmarks.tsdb.TsdbCompareTool "$@"; }

NOW_MS=$(( $(date +%s) * 1000 ))
START_MS=$(( (NOW_MS - HOURS * 3600000 - 3600000) / 7200000 * 7200000 ))
log "generating $SERIES series x $HOURS h at 15 s from $START_MS"
tool generate "$WORK/node.om" "$WORK/node.prom" "$SERIES" "$HOURS" "$START_MS" > "$WORK/gen.txt"
SAMPLES=$(field samples "$WORK/gen.txt")
log "$SAMPLES samples; OpenMetrics file $(du -h "$WORK/node.om" | cut -f1)"

log "ktel: import"
tool import "$WORK/node.om" "$WORK/ktel" > "$WORK/ktel.txt"
KTEL_BYTES=$(field raw_bytes "$WORK/ktel.txt")
[ "$(field samples "$WORK/ktel.txt")" = "$SAMPLES" ] || die "ktel imported $(field samples "$WORK/ktel.txt") of $SAMPLES samples"

log "prometheus: promtool tsdb create-blocks-from openmetrics"
promtool tsdb create-blocks-from openmetrics "$WORK/node.om" "$WORK/prom" > "$WORK/promtool.log" 2>&1 \
  || { cat "$WORK/promtool.log" >&2; die "promtool failed"; }
PROM_BYTES=$(bytes_of "$WORK/prom")

log "victoria-metrics: import, flush, merge"
"$VM_BIN" -storageDataPath="$WORK/vm" -httpListenAddr="127.0.0.1:$VM_PORT" -retentionPeriod=100y \
  -search.latencyOffset=0s > "$WORK/vm.log" 2>&1 &
PIDS+=($!)
wait_http "http://127.0.0.1:$VM_PORT/health"
curl -fs --data-binary "@$WORK/node.prom" "http://127.0.0.1:$VM_PORT/api/v1/import/prometheus"
curl -fs "http://127.0.0.1:$VM_PORT/internal/force_flush" > /dev/null
curl -fs "http://127.0.0.1:$VM_PORT/internal/force_merge" > /dev/null
sleep 5 # force_merge runs in the background; give it time on a small data set
VM_SERIES=$(curl -fs "http://127.0.0.1:$VM_PORT/api/v1/series/count" | grep -o '[0-9]\+' | head -1 || echo "?")
VM_BYTES=$(bytes_of "$WORK/vm")

log "ktel: ktel tsdb import + ktel server (the same HTTP query path as Prometheus)"
[ -f "$CLI_JAR" ] || (cd "$ROOT" && mvn -B -q -pl ktel-cli -am package -DskipTests)
java --enable-native-access=ALL-UNNAMED -jar "$CLI_JAR" tsdb import --openmetrics "$WORK/node.om" \
  --data-dir "$WORK/ktelsrv" > "$WORK/ktel-import.log" 2>&1 || { cat "$WORK/ktel-import.log" >&2; die "ktel tsdb import failed"; }
java -XX:+UseSerialGC -Xmx512m --enable-native-access=ALL-UNNAMED -jar "$CLI_JAR" server --data-dir "$WORK/ktelsrv" \
  --listen "127.0.0.1:$KTEL_PORT" --retention.raw 100y > "$WORK/ktel-server.log" 2>&1 &
PIDS+=($!)
wait_http "http://127.0.0.1:$KTEL_PORT/-/ready"

log "prometheus: serve the promtool blocks for queries"
prometheus --config.file=/dev/null --storage.tsdb.path="$WORK/prom" --storage.tsdb.retention.time=100y \
  --web.listen-address="127.0.0.1:$PROM_PORT" > "$WORK/prometheus.log" 2>&1 &
PIDS+=($!)
wait_http "http://127.0.0.1:$PROM_PORT/-/ready"

Q_FROM_MS=$(( START_MS + 2 * 3600000 ))
Q_FROM=$(( Q_FROM_MS / 1000 )); Q_TO=$(( Q_FROM + 3600 ))
SEL='%7B__name__%3D~%22node_.*%22%7D'
log "queries: 1 h from $Q_FROM, $RUNS runs each"
tool query "$WORK/ktel" "$Q_FROM_MS" "$RUNS" > "$WORK/ktel-query.txt"
KTEL_Q=$(field median_ms "$WORK/ktel-query.txt")
PROM_URL="http://127.0.0.1:$PROM_PORT/api/v1/query_range?query=$SEL&start=$Q_FROM&end=$Q_TO&step=15s"
VM_URL="http://127.0.0.1:$VM_PORT/api/v1/query_range?query=$SEL&start=$Q_FROM&end=$Q_TO&step=15s"
PROM_SERIES=$(curl -fs "$PROM_URL" | grep -o '"metric"' | wc -l)
PROM_Q=$(median_curl "$PROM_URL")
KTEL_URL="http://127.0.0.1:$KTEL_PORT/api/v1/query_range?query=$SEL&start=$Q_FROM&end=$Q_TO&step=15s"
KTEL_SERIES=$(curl -fs "$KTEL_URL" | grep -o '"metric"' | wc -l)
KTEL_HTTP_Q=$(median_curl "$KTEL_URL")
VM_Q=$(median_curl "$VM_URL")

echo "data: $SERIES node-like series, $HOURS h at 15 s, $SAMPLES samples (same OpenMetrics file for all)"
printf '%-32s %12s %10s %10s\n' "on disk after import+compaction" bytes B/sample "ktel/peer"
printf '%-32s %12d %10.3f %10s\n' "ktel (raw blocks)" "$KTEL_BYTES" "$(ratio "$KTEL_BYTES" "$SAMPLES")" "-"
printf '%-32s %12d %10.3f %10s\n' "prometheus 2.42 (promtool)" "$PROM_BYTES" "$(ratio "$PROM_BYTES" "$SAMPLES")" "$(ratio "$KTEL_BYTES" "$PROM_BYTES")"
printf '%-32s %12d %10.3f %10s\n' "victoria-metrics (merged)" "$VM_BYTES" "$(ratio "$VM_BYTES" "$SAMPLES")" "$(ratio "$KTEL_BYTES" "$VM_BYTES")"
echo "ktel tiers: 5m $(field bytes_5m "$WORK/ktel.txt") bytes, 1h $(field bytes_1h "$WORK/ktel.txt") bytes; import $(field import_ms "$WORK/ktel.txt") ms; victoria-metrics /api/v1/series/count (approximate): $VM_SERIES"
printf '%-32s %10s %10s\n' "query 1 h, all series (median)" ms "ktel/peer"
printf '%-32s %10.3f %10s\n' "ktel query_range step 15s" "$KTEL_HTTP_Q" "-"
printf '%-32s %10.3f %10s\n' "prometheus query_range step 15s" "$PROM_Q" "$(ratio "$KTEL_HTTP_Q" "$PROM_Q")"
printf '%-32s %10.3f %10s\n' "victoria-metrics query_range" "$VM_Q" "$(ratio "$KTEL_HTTP_Q" "$VM_Q")"
printf '%-32s %10.3f %10s\n' "ktel select (in-process)" "$KTEL_Q" "-"
echo "series returned: ktel over HTTP $KTEL_SERIES, ktel select $(field series "$WORK/ktel-query.txt") ($(field samples "$WORK/ktel-query.txt") samples), prometheus $PROM_SERIES"
