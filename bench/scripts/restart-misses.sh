#!/bin/bash
# Confirm deadlines missed in the first minute, first start vs restart (docs/benchmarks.md, "Restart: confirm
# deadlines in the first minute"). Starts the README node on an empty ./data in $ETP_BENCH_DIR/LABEL, lets it trade
# RUN seconds, stops it (SIGTERM: coordinated shutdown), starts it again on the same ./data, and counts, for each
# start, the auction outcomes (the io.etp.auction.outcomes lines) logged in the first WINDOW seconds after the JVM was
# launched and those among them that ended CONFIRM_DEADLINE_MISSED.
# usage: ETP_BENCH_DIR=/tmp/etp-restart ETP_BENCH_HOST=127.0.0.22 restart-misses.sh LABEL etp-node.jar [RUN] [WINDOW] \
#          ["node options"]
#   e.g. restart-misses.sh run1 http/target/etp-node.jar 120 60 "--batteries 300"
set -u
LABEL=$1; NODE=$(realpath "$2"); RUN=${3:-120}; WINDOW=${4:-60}; NODE_OPTS=${5:-}
HOST=${ETP_BENCH_HOST:-127.0.0.22}
D=${ETP_BENCH_DIR:-/tmp/etp-restart}/$LABEL
rm -rf "$D"; mkdir -p "$D"; cd "$D"

# runs the node for $2 seconds, its log in $1; writes the launch time (epoch ms) to $1.start
run_node() {
  local log=$1 seconds=$2
  date +%s%3N > "$log.start"
  ETP_HTTP_HOST=$HOST ETP_EDGE_HOST=$HOST ETP_REMOTE_HOST=$HOST ETP_ADMIN_API_KEY=restart-misses-admin-key-0123456789abcdef \
    setsid java -jar "$NODE" $NODE_OPTS > "$log" 2>&1 &
  local pid=$!
  sleep "$seconds"
  kill "$pid"; wait "$pid" 2> /dev/null
}

# prints "<label>: M of N auctions CONFIRM_DEADLINE_MISSED in the first W s" for the log $2
count() {
  local label=$1 log=$2 start
  start=$(cat "$log.start")
  # the log's clock is HH:mm:ss.SSS local time: turn each outcome line's time into ms since launch
  local midnight
  midnight=$(date -d "$(date -d @$((start / 1000)) +%F) 00:00" +%s)
  awk -v since="$((start - midnight * 1000))" -v window="$WINDOW" -v label="$label" '
    / outcomes +auction / {
      split($1, t, /[:.]/)
      ms = ((t[1] * 60 + t[2]) * 60 + t[3]) * 1000 + t[4] - since
      if (ms >= 0 && ms < window * 1000) { n++; if ($0 ~ /CONFIRM_DEADLINE_MISSED/) m++ }
    }
    END { printf "%s: %d of %d auctions CONFIRM_DEADLINE_MISSED in the first %d s\n", label, m, n, window }' "$log"
}

echo "node options: ${NODE_OPTS:-none}; run ${RUN} s, then a restart; window ${WINDOW} s" > summary.txt
echo "start $(date -u +%FT%TZ) load $(cut -d' ' -f1-3 /proc/loadavg)" >> summary.txt
run_node first.log "$RUN"
sleep 2
run_node restart.log $((WINDOW + 5))
echo "end $(date -u +%FT%TZ) load $(cut -d' ' -f1-3 /proc/loadavg)" >> summary.txt
count "first start" first.log >> summary.txt
count "restart" restart.log >> summary.txt
cat summary.txt
