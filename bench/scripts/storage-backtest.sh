#!/bin/bash
# A fleet battery's month on a real market: the storage engine against today's fixed offers, both replayed from the
# same actual prices (docs/market.md, "Storage engine against fixed offers (NP, one month)"). Builds the bench jar if
# it is missing, then runs io.etp.bench.optimize.StorageBacktestCommand with the given options; the command prints
# the load average at its start and end.
# usage: bench/scripts/storage-backtest.sh [options, e.g. --month 2018-03 --window-days 56 --exogenous; --help lists them]
#   the epftoolbox files are read from ETP_EPF_DIR (default: ../shared/data/epf from the repository root)
set -eu
cd "$(dirname "$0")/../.."
JAR=bench/target/benchmarks.jar
[ -f "$JAR" ] || mvn -q -pl bench -am package -DskipTests
exec java -cp "$JAR" io.etp.bench.optimize.StorageBacktestCommand --epf-dir "${ETP_EPF_DIR:-../shared/data/epf}" "$@"
