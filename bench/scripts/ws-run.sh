#!/bin/bash
# One WebSocket fan-out run against the README node (docs/benchmarks.md, "WebSocket fan-out"): a fresh ./data, the
# node ready + 10 s, then 1,000 clients for DURATION seconds; the node's CPU seconds sampled every 30 s (cpu.txt),
# the client's CPU time, and the client's JSON result, all in $ETP_BENCH_DIR/LABEL.
# usage: ETP_BENCH_DIR=/tmp/etp-ws ws-run.sh LABEL etp-node.jar benchmarks.jar DURATION "client options" ["node JVM options"]
#   e.g. ws-run.sh all-batch node/target/etp-node.jar bench/target/benchmarks.jar 60 "--batch"
set -u
LABEL=$1; NODE=$(realpath "$2"); BENCH=$(realpath "$3"); DURATION=$4; CLIENT_OPTS=$5; NODE_OPTS=${6:-}
D=${ETP_BENCH_DIR:-/tmp/etp-ws}/$LABEL
rm -rf "$D"; mkdir -p "$D"; cd "$D"
# the 1,000 clients are one anonymous loopback caller: one token bucket, so its burst must cover the ramp
ETP_RATE_LIMIT_BURST=1100 setsid java $NODE_OPTS -jar "$NODE" --http-port 18087 > node.log 2>&1 &
NPID=$!
for i in $(seq 1 120); do curl -sf http://127.0.0.1:18087/health/ready > /dev/null && break; sleep 1; done
sleep 10
echo "start $(date -u +%T) load $(cut -d' ' -f1 /proc/loadavg) node cpu s $(ps -o times= -p $NPID)" > summary.txt
( while kill -0 $NPID 2> /dev/null; do
    echo "$(date -u +%T) node_cpu_s $(ps -o times= -p $NPID) rss_kb $(ps -o rss= -p $NPID) h2_bytes $(stat -c %s data/etp.mv.db)"
    sleep 30
  done ) > cpu.txt &
/usr/bin/time -f "client cpu %U+%S s wall %e" java -Xmx512m -cp "$BENCH" io.etp.bench.ws.WsLoadClient --client nio \
  --url ws://127.0.0.1:18087/ws/events --clients 1000 --ramp-per-second 50 --warmup 5 --duration "$DURATION" \
  --json result.json $CLIENT_OPTS > client.log 2> client.err
echo "end $(date -u +%T) load $(cut -d' ' -f1 /proc/loadavg) node cpu s $(ps -o times= -p $NPID)" >> summary.txt
tail -1 client.err >> summary.txt
kill $NPID; wait $NPID 2> /dev/null
cat result.json >> summary.txt; echo >> summary.txt
cat summary.txt
