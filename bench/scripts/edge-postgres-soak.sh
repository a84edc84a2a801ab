#!/bin/bash
# 10-minute soak on PostgreSQL: node heap sampled by jstat every 30 s (soak.jstat), heap after a forced full GC
# 45 s in, 5 minutes later and at the end (soak.heap); results soak.{json,md,meta} in ETP_BENCH_DIR
# usage: ETP_BENCH_DIR=/tmp/edgeperf NODE=etp-node.jar BENCH=benchmarks.jar edge-postgres-soak.sh RATE  (jars relative to ETP_BENCH_DIR)
W=${ETP_BENCH_DIR:-/tmp/edgeperf}; NODE=${NODE:-node.jar}; BENCH=${BENCH:-benchmarks.jar}
SCRIPTS=$(cd "$(dirname "$0")" && pwd)
cd $W
R=$1
. "$SCRIPTS/edge-postgres-node.sh"
start_node soak.node.log
NP=$NPID
echo "start $(date -u +%FT%TZ) loadavg $(cat /proc/loadavg) node pid $NP" > soak.meta
jstat -gc -t $NP 30000 > soak.jstat 2>&1 &
JS=$!
java -Xmx768m -cp $BENCH io.etp.bench.load.LoadGenerator --port 7433 --aggregators 4 --batteries-per-aggregator 100 \
  --rate $R --duration 600 --warmup 10 --keys-file $W/keys.txt --json soak.json --markdown soak.md > soak.gen.log 2>&1 &
GP=$!
sleep 45
echo "== $(date -u +%T) after warm-up: GC.run + heap_info" >> soak.heap; jcmd $NP GC.run >/dev/null; jcmd $NP GC.heap_info >> soak.heap
sleep 270
echo "== $(date -u +%T) mid-run: GC.run + heap_info" >> soak.heap; jcmd $NP GC.run >/dev/null; jcmd $NP GC.heap_info >> soak.heap
wait $GP
echo "== $(date -u +%T) end: GC.run + heap_info" >> soak.heap; jcmd $NP GC.run >/dev/null; jcmd $NP GC.heap_info >> soak.heap
echo "end   $(date -u +%FT%TZ) loadavg $(cat /proc/loadavg)" >> soak.meta
kill $JS
psql -q -h 127.0.0.1 -U postgres -d $DB -At -c "select event_ser_manifest, count(*) from event_journal group by 1 order by 2 desc" >> soak.meta 2>&1
grep -i "edge metrics\|EdgeMetrics\|OUTBOUND" soak.node.log | tail -3 >> soak.meta
kill $NP; wait $NP
kill $ANALYZER
echo soak done >> soak.meta
