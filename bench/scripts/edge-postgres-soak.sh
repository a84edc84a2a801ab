#!/bin/bash
# 10-minute soak on PostgreSQL: node heap sampled by jstat every 30 s (soak.jstat), heap after a forced full GC
# 45 s in, 5 minutes later and at the end (soak.heap); results soak.{json,md,meta} in ETP_BENCH_DIR
# usage: ETP_BENCH_DIR=/tmp/edgeperf NODE=etp-node.jar BENCH=benchmarks.jar edge-postgres-soak.sh RATE  (jars relative to ETP_BENCH_DIR)
W=${ETP_BENCH_DIR:-/tmp/edgeperf}; NODE=${NODE:-node.jar}; BENCH=${BENCH:-benchmarks.jar}
cd $W
R=$1
DB=etp_edgeperf
psql -q -h 127.0.0.1 -U postgres -At -c "select pg_terminate_backend(pid) from pg_stat_activity where datname='$DB'" >/dev/null
# autovacuum is off on this shared server (SHOW autovacuum): without statistics the planner picks a plan for the
# read journal's tag queries that sorts the whole range, so ANALYZE the journal every 30 s as autovacuum would
( while sleep 30; do psql -q -h 127.0.0.1 -U postgres -d $DB -c "analyze event_journal, event_tag" 2>/dev/null; done ) &
ANALYZER=$!
psql -q -h 127.0.0.1 -U postgres -c "drop database if exists $DB" -c "create database $DB" >/dev/null
[ -f $W/keys.txt ] || java -cp $BENCH io.etp.bench.load.LoadGenerator --aggregators 4 --keys-file $W/keys.txt --write-keys >/dev/null
ETP_EDGE_PORT=7433 ETP_EDGE_KEYS_FILE=$W/keys.txt ETP_DB_URL="jdbc:postgresql://127.0.0.1:5432/$DB?reWriteBatchedInserts=true" \
  java -Xms1g -Xmx1g -XX:+UseG1GC -Detp.battery.auction.window=100ms -Detp.battery.auction.soft-close=20ms \
  -Detp.edge.tcp.rate-limit-per-second=50000 -Detp.edge.tcp.rate-limit-burst=50000 \
  -Dpekko.remote.artery.canonical.port=25633 -jar $NODE --postgres --no-fleet --http-port 18133 > soak.node.log 2>&1 &
NP=$!
for i in $(seq 1 120); do (echo > /dev/tcp/127.0.0.1/7433) 2>/dev/null && break; sleep 1; done
sleep 3
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
