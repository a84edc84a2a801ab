#!/usr/bin/env bash
# A 3-node ETP cluster on this machine, on PostgreSQL (README.md, "Run a cluster").
#   bench/scripts/cluster-local.sh start    build the jar if needed, start 3 nodes, wait until all 3 are ready
#   bench/scripts/cluster-local.sh status   each node's process, /ready, and the cluster's members
#   bench/scripts/cluster-local.sh stop     SIGTERM each node (coordinated shutdown), wait for them to exit
# The nodes form the cluster through Pekko Management's Cluster Bootstrap with configuration discovery
# (ETP_CLUSTER_DISCOVERY=config): each node lists the three management endpoints as contact points.
# Node N (1..3) on ETP_CLUSTER_HOST (127.0.0.1): HTTP 808N, management 856N, remoting 2552N, device gateway 741N.
# Database: ETP_CLUSTER_DB (etp_cluster) on the PostgreSQL at ETP_CLUSTER_PG (127.0.0.1:5432, user postgres, or
# ETP_DB_USER / ETP_DB_PASSWORD); created if missing, kept between runs. Logs and pids: ETP_CLUSTER_DIR (data/cluster-local).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
HOST=${ETP_CLUSTER_HOST:-127.0.0.1}
DB=${ETP_CLUSTER_DB:-etp_cluster}
PG=${ETP_CLUSTER_PG:-127.0.0.1:5432}
DB_USER=${ETP_DB_USER:-postgres}
DIR=${ETP_CLUSTER_DIR:-$ROOT/data/cluster-local}
JAR=${ETP_NODE_JAR:-$ROOT/node/target/etp-node.jar}
HEAP=${ETP_CLUSTER_HEAP:-512m}
NODES="1 2 3"

http_port() { echo $((8080 + $1)); }
mgmt_port() { echo $((8560 + $1)); }
remote_port() { echo $((25520 + $1)); }
edge_port() { echo $((7410 + $1)); }
pid_of() { cat "$DIR/node$1.pid" 2>/dev/null || true; }
alive() { local p; p=$(pid_of "$1"); [ -n "$p" ] && kill -0 "$p" 2>/dev/null; }
ready() { curl -s -o /dev/null -w '%{http_code}' --max-time 2 "http://$HOST:$(mgmt_port "$1")/ready" 2>/dev/null || true; }

ensure_database() {
  local host=${PG%:*} port=${PG#*:}
  if ! PGPASSWORD=${ETP_DB_PASSWORD:-} psql -h "$host" -p "$port" -U "$DB_USER" -At -d postgres \
      -c "select 1 from pg_database where datname = '$DB'" | grep -q 1; then
    PGPASSWORD=${ETP_DB_PASSWORD:-} psql -q -h "$host" -p "$port" -U "$DB_USER" -d postgres -c "create database $DB"
    echo "created database $DB"
  fi
}

start() {
  command -v psql >/dev/null || { echo "psql is needed (PostgreSQL client)"; exit 1; }
  for n in $NODES; do
    if alive "$n"; then echo "node $n is already running (pid $(pid_of "$n")): stop first"; exit 1; fi
  done
  if [ ! -f "$JAR" ]; then
    echo "building $JAR (mvn -q install -DskipTests) ..."
    (cd "$ROOT" && mvn -q install -DskipTests -Detp.fuzz.skip=true)
  fi
  ensure_database
  mkdir -p "$DIR"
  local contacts="" n
  for n in $NODES; do contacts="${contacts:+$contacts,}$HOST:$(mgmt_port "$n")"; done
  local t0; t0=$(date +%s%N)
  for n in $NODES; do
    mkdir -p "$DIR/node$n"
    (cd "$DIR/node$n" && exec env \
      ETP_CLUSTER_DISCOVERY=config ETP_CONTACT_POINTS="$contacts" ETP_REQUIRED_CONTACT_POINTS=2 \
      ETP_REMOTE_HOST="$HOST" ETP_REMOTE_PORT="$(remote_port "$n")" \
      ETP_MANAGEMENT_HOST="$HOST" ETP_MANAGEMENT_PORT="$(mgmt_port "$n")" \
      ETP_HTTP_HOST="$HOST" ETP_HTTP_PORT="$(http_port "$n")" \
      ETP_EDGE_HOST="$HOST" ETP_EDGE_PORT="$(edge_port "$n")" \
      ETP_EDGE_NODE_KEY_FILE="$DIR/edge-node.key" \
      ETP_DB_URL="jdbc:postgresql://$PG/$DB?reWriteBatchedInserts=true" ETP_DB_USER="$DB_USER" \
      java -Xmx"$HEAP" -jar "$JAR" --postgres > "$DIR/node$n.log" 2>&1) &
    echo $! > "$DIR/node$n.pid"
    echo "node $n: pid $(pid_of "$n"), log $DIR/node$n.log"
  done
  echo "waiting for the cluster to form (all 3 nodes answering 200 on /ready) ..."
  local deadline=$(( $(date +%s) + ${ETP_CLUSTER_START_TIMEOUT:-240} )) all
  while :; do
    all=1
    for n in $NODES; do
      if ! alive "$n"; then echo "node $n exited; the end of its log:"; tail -20 "$DIR/node$n.log"; exit 1; fi
      [ "$(ready "$n")" = 200 ] || all=0
    done
    [ $all = 1 ] && break
    if [ "$(date +%s)" -gt $deadline ]; then echo "the cluster did not become ready in time"; status; exit 1; fi
    sleep 1
  done
  echo "cluster of 3 ready in $(( ($(date +%s%N) - t0) / 1000000 )) ms"
  for n in $NODES; do
    echo "  node $n: dashboard http://$HOST:$(http_port "$n")/  management http://$HOST:$(mgmt_port "$n")/ready"
  done
  echo "  members: curl http://$HOST:$(mgmt_port 1)/cluster/members"
  echo "  stop:    $0 stop"
}

status() {
  local n
  for n in $NODES; do
    if alive "$n"; then
      echo "node $n: running (pid $(pid_of "$n")), /ready $(ready "$n")"
    else
      echo "node $n: not running"
    fi
  done
  for n in $NODES; do
    if alive "$n"; then
      curl -s --max-time 3 "http://$HOST:$(mgmt_port "$n")/cluster/members" | tr -d '\n' |
        grep -o '"node":"[^"]*","nodeUid":"[^"]*","roles":\[[^]]*\],"status":"[^"]*"' |
        sed -E 's/"node":"([^"]*)".*"status":"([^"]*)"/  member \1 \2/' || true
      break
    fi
  done
}

stop() {
  local n p
  for n in $NODES; do
    if alive "$n"; then kill -TERM "$(pid_of "$n")"; echo "node $n: SIGTERM"; fi
  done
  for n in $NODES; do
    p=$(pid_of "$n")
    if [ -n "$p" ]; then
      for _ in $(seq 1 60); do kill -0 "$p" 2>/dev/null || break; sleep 0.5; done
      if kill -0 "$p" 2>/dev/null; then echo "node $n still running 30 s after SIGTERM (pid $p)"; else rm -f "$DIR/node$n.pid"; fi
    fi
  done
  echo "stopped"
}

case "${1:-}" in
  start) start ;;
  status) status ;;
  stop) stop ;;
  *) echo "usage: $0 start|status|stop"; exit 2 ;;
esac
