# Sourced by edge-postgres-run.sh and edge-postgres-soak.sh: the node on a fresh PostgreSQL database for a device-edge
# load run. Needs W (work dir), NODE and BENCH (jars); start_node LOG [extra node flags...] sets NPID and ANALYZER.
DB=etp_edgeperf

start_node() {
  local log=$1; shift
  psql -q -h 127.0.0.1 -U postgres -At -c "select pg_terminate_backend(pid) from pg_stat_activity where datname='$DB'" >/dev/null
  # autovacuum is off on this shared server (SHOW autovacuum): without statistics the planner picks a plan for the
  # read journal's tag queries that sorts the whole range, so ANALYZE the journal every 30 s as autovacuum would
  ( while sleep 30; do psql -q -h 127.0.0.1 -U postgres -d $DB -c "analyze event_journal, event_tag" 2>/dev/null; done ) &
  ANALYZER=$!
  psql -q -h 127.0.0.1 -U postgres -c "drop database if exists $DB" -c "create database $DB" >/dev/null
  grep -qs "^battery " $W/keys.txt || java -cp $BENCH io.etp.bench.load.LoadGenerator --aggregators 4 --keys-file $W/keys.txt --write-keys >/dev/null
  ETP_EDGE_PORT=7433 ETP_EDGE_KEYS_FILE=$W/keys.txt ETP_EDGE_NODE_KEY_FILE=$W/node.key ETP_DB_URL="jdbc:postgresql://127.0.0.1:5432/$DB?reWriteBatchedInserts=true" \
    java -Xms1g -Xmx1g -XX:+UseG1GC -Detp.battery.auction.window=100ms -Detp.battery.auction.soft-close=20ms \
    -Detp.edge.tcp.rate-limit-per-second=50000 -Detp.edge.tcp.rate-limit-burst=50000 \
    -Dpekko.remote.artery.canonical.port=25633 "$@" -jar $NODE --postgres --no-fleet --http-port 18133 > $log 2>&1 &
  NPID=$!
  for i in $(seq 1 120); do (echo > /dev/tcp/127.0.0.1/7433) 2>/dev/null && break; sleep 1; done
  sleep 3
}
