#!/bin/bash
# Trading throughput with 1, 2 and 3 nodes on this machine, side by side (docs/benchmarks.md, "Throughput with 1, 2
# and 3 nodes"), and the measured costs the cluster-size estimate uses: node CPU per ETP message handled by the twins
# and PostgreSQL backend CPU per journal write.
#
# For each size N: a fresh database faults_bench_N on the PostgreSQL server at 127.0.0.1:5432 (trust, user postgres),
# N node processes of the node jar on 127.0.2.11 .. 127.0.2.(10+N), each with the same ports (like pods), formed by
# seed nodes, the simulated fleet (a cluster singleton) with BATTERIES batteries re-offering every 5 s; WARMUP seconds
# to settle, then a window of SECONDS during which it counts confirmed trades (TradeConfirmed events), journal rows,
# ETP messages the twins handled (etp_message_handled_total summed over the nodes' /metrics), the nodes' CPU time
# (/proc/PID/stat) and the CPU time of the PostgreSQL backends serving faults_bench_N.
#
# usage: bench/scripts/cluster-throughput.sh node/target/etp-node.jar [SECONDS=60] [BATTERIES=300] [WARMUP=45] ["1 2 3"]
set -u
JAR=$(realpath "$1"); SECONDS_=${2:-60}; BATTERIES=${3:-300}; WARMUP=${4:-45}; SIZES=${5:-"1 2 3"}
OUT=${ETP_BENCH_DIR:-/tmp/etp-cluster-throughput}
PSQL="psql -h 127.0.0.1 -U postgres -X -q -t -A"
TICK=$(getconf CLK_TCK)
mkdir -p "$OUT"; chmod 755 "$OUT"
PIDS=()

cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null; done; wait 2>/dev/null; }
trap cleanup EXIT

cpu_ticks() { # utime + stime of the given pids, in clock ticks
  local sum=0 p
  for p in "$@"; do
    [ -r "/proc/$p/stat" ] && sum=$((sum + $(awk '{print $14 + $15}' "/proc/$p/stat")))
  done
  echo "$sum"
}

handled() { # ETP messages handled by the twins, summed over the nodes
  local sum=0 i
  for i in $(seq 1 "$1"); do
    sum=$((sum + $(curl -s "http://127.0.2.$((10 + i)):8080/metrics" \
      | awk '/^etp_message_handled_total/ {s += $2} END {printf "%d", s}')))
  done
  echo "$sum"
}

printf "%-6s %-12s %-14s %-14s %-16s %-16s %-14s %s\n" nodes trades/s messages/s journal-rows/s \
  "node CPU ms/msg" "PG CPU ms/row" "CPU cores" load > "$OUT/summary.txt"

for N in $SIZES; do
  DB=faults_bench_$N
  $PSQL -d postgres -c "DROP DATABASE IF EXISTS $DB" -c "CREATE DATABASE $DB"
  SEEDS=(); for i in $(seq 1 "$N"); do SEEDS+=("-Dpekko.cluster.seed-nodes.$((i - 1))=pekko://etp@127.0.2.$((10 + i)):25520"); done
  PIDS=()
  for i in $(seq 1 "$N"); do
    H=127.0.2.$((10 + i)); D=$OUT/n$N-node$i; rm -rf "$D"; mkdir -p "$D"
    (cd "$D" && exec env $(env | grep -o '^ETP_[A-Z_]*' | sed 's/^/-u /') \
      ETP_HTTP_HOST=$H ETP_EDGE_HOST=$H ETP_REMOTE_HOST=$H ETP_ADMIN_API_KEY=cluster-throughput-admin-key-0123456789 \
      ETP_DB_URL="jdbc:postgresql://127.0.0.1:5432/$DB?reWriteBatchedInserts=true" ETP_FORECASTING_ENABLED=false \
      ETP_CLUSTER_DISCOVERY=seeds ETP_SEED_NODES="$(printf 'pekko://etp@127.0.2.%d:25520,' $(seq 11 $((10 + N))) | sed 's/,$//')" \
      java -Xmx768m "${SEEDS[@]}" -Detp.cluster.join-self=false \
        -Detp.fleet.reoffer-interval=5s -jar "$JAR" --postgres --batteries "$BATTERIES" > node.log 2>&1) &
    PIDS+=($!)
  done
  for i in $(seq 1 "$N"); do
    for _ in $(seq 1 240); do
      [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.2.$((10 + i)):8080/health/ready")" = 200 ] && break
      sleep 1
    done
  done
  sleep "$WARMUP"
  count() { $PSQL -d "$DB" -c "SELECT (SELECT count(*) FROM event_journal WHERE event_ser_manifest = 'TradeConfirmed'), (SELECT count(*) FROM event_journal)"; }
  backends() { $PSQL -d postgres -c "SELECT pid FROM pg_stat_activity WHERE datname = '$DB'"; }
  B=$(backends | tr '\n' ' ')
  read -r T0 J0 <<< "$(count | tr '|' ' ')"; M0=$(handled "$N"); C0=$(cpu_ticks "${PIDS[@]}"); P0=$(cpu_ticks $B)
  sleep "$SECONDS_"
  read -r T1 J1 <<< "$(count | tr '|' ' ')"; M1=$(handled "$N"); C1=$(cpu_ticks "${PIDS[@]}"); P1=$(cpu_ticks $B)
  LOAD=$(cut -d' ' -f1-3 /proc/loadavg)
  awk -v n="$N" -v s="$SECONDS_" -v t=$((T1 - T0)) -v j=$((J1 - J0)) -v m=$((M1 - M0)) -v c=$((C1 - C0)) \
      -v p=$((P1 - P0)) -v tick="$TICK" -v loadavg="$LOAD" 'BEGIN {
    printf "%-6d %-12.1f %-14.1f %-14.1f %-16.3f %-16.3f %-14.2f %s\n", n, t / s, m / s, j / s,
      m ? c / tick * 1000 / m : 0, j ? p / tick * 1000 / j : 0, (c + p) / tick / s, loadavg }' >> "$OUT/summary.txt"
  cleanup
  PIDS=()
  sleep 5
done
echo "batteries $BATTERIES (re-offer every 5 s), window $SECONDS_ s after $WARMUP s, $(date -u +%FT%TZ), $(nproc) cores" >> "$OUT/summary.txt"
cat "$OUT/summary.txt"
