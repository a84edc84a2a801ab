#!/bin/bash
# usage: edge-postgres-run.sh LABEL NODEJAR BENCHJAR RATE DURATION [extra node flags...]   (env: WARMUP s, default 10; GEN_ARGS extra generator options;
#   ETP_BENCH_DIR, default /tmp/edgeperf; KEEP_NODE=1 leaves the node running)
# A fresh database etp_edgeperf per run, the node on PostgreSQL (edge port 7433), the generator at RATE; results in
# $ETP_BENCH_DIR/LABEL.{json,md,meta,node.log,gen.log}; .meta has UTC start/end, /proc/loadavg and the journal event counts.
set -u
W=${ETP_BENCH_DIR:-/tmp/edgeperf}
L=$1; NODE=$2; BENCH=$3; R=$4; D=$5; shift 5
OUT=$W/$L
. "$(dirname "$0")/edge-postgres-node.sh"
start_node $OUT.node.log "$@"
echo $NPID > $OUT.node.pid
echo "start $(date -u +%FT%TZ) loadavg $(cat /proc/loadavg)" > $OUT.meta
java -Xmx768m -cp $BENCH io.etp.bench.load.LoadGenerator --port 7433 --aggregators 4 --batteries-per-aggregator 100 \
  --rate $R --duration $D --warmup ${WARMUP:-10} --keys-file $W/keys.txt ${GEN_ARGS:-} --json $OUT.json --markdown $OUT.md > $OUT.gen.log 2>&1
echo "end   $(date -u +%FT%TZ) loadavg $(cat /proc/loadavg)" >> $OUT.meta
psql -q -h 127.0.0.1 -U postgres -d $DB -At -c "select event_ser_manifest, count(*) from event_journal group by 1 order by 2 desc" >> $OUT.meta 2>&1
if [ -z "${KEEP_NODE:-}" ]; then kill $NPID; wait $NPID 2>/dev/null; fi
kill $ANALYZER
cat $OUT.meta; cat $OUT.md
