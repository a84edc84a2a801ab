#!/bin/bash
# usage: edge-postgres-run.sh LABEL NODEJAR BENCHJAR RATE DURATION [extra node flags...]   (env: WARMUP s, default 10; GEN_ARGS extra generator options;
#   ETP_BENCH_DIR, default /tmp/edgeperf; KEEP_NODE=1 leaves the node running)
# A fresh database etp_edgeperf per run, the node on PostgreSQL (edge port 7433), the generator at RATE; results in
# $ETP_BENCH_DIR/LABEL.{json,md,meta,node.log,gen.log}; .meta has UTC start/end, /proc/loadavg and the journal event counts.
set -u
W=${ETP_BENCH_DIR:-/tmp/edgeperf}
L=$1; NODE=$2; BENCH=$3; R=$4; D=$5; shift 5
OUT=$W/$L
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
  -Dpekko.remote.artery.canonical.port=25633 "$@" -jar $NODE --postgres --no-fleet --http-port 18133 > $OUT.node.log 2>&1 &
NPID=$!
echo $NPID > $OUT.node.pid
for i in $(seq 1 120); do (echo > /dev/tcp/127.0.0.1/7433) 2>/dev/null && break; sleep 1; done
sleep 3
echo "start $(date -u +%FT%TZ) loadavg $(cat /proc/loadavg)" > $OUT.meta
java -Xmx768m -cp $BENCH io.etp.bench.load.LoadGenerator --port 7433 --aggregators 4 --batteries-per-aggregator 100 \
  --rate $R --duration $D --warmup ${WARMUP:-10} --keys-file $W/keys.txt ${GEN_ARGS:-} --json $OUT.json --markdown $OUT.md > $OUT.gen.log 2>&1
echo "end   $(date -u +%FT%TZ) loadavg $(cat /proc/loadavg)" >> $OUT.meta
psql -q -h 127.0.0.1 -U postgres -d $DB -At -c "select event_ser_manifest, count(*) from event_journal group by 1 order by 2 desc" >> $OUT.meta 2>&1
if [ -z "${KEEP_NODE:-}" ]; then kill $NPID; wait $NPID 2>/dev/null; fi
kill $ANALYZER
cat $OUT.meta; cat $OUT.md
