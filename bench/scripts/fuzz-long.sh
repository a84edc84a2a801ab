#!/bin/bash
# Long fuzzing run of one protocol fuzz target (io.etp.protocol.fuzz) through Jazzer's command line, for hours if asked;
# `mvn verify` runs each target for only 25 s. The corpus grows in protocol/target/fuzz-corpus/TARGET (kept between
# runs until `mvn clean`), seeded from the target's stored inputs; a finding is written straight into those inputs
# (src/test/resources/io/etp/protocol/fuzz/<Class>Inputs/<method>/crash-*) so that, once fixed, plain `mvn test`
# replays it as a regression input. libFuzzer prints executions and exec/s; the summary goes to the log's last lines.
# usage: bench/scripts/fuzz-long.sh TARGET SECONDS [more libFuzzer/Jazzer flags]
#   TARGET: frame-stream | etp-message | legacy-text
#   e.g. bench/scripts/fuzz-long.sh frame-stream 14400                 # 4 hours
#        bench/scripts/fuzz-long.sh frame-stream 0 -runs=10000000      # exactly 10 million executions
#        bench/scripts/fuzz-long.sh legacy-text 3600 -jobs=2 -workers=2 # two processes (libFuzzer fork mode)
# To keep interesting inputs of a long run in the repository, minimise them first (libFuzzer -merge=1 into the inputs
# directory) and commit only a few: the stored inputs are replayed by every `mvn test`.
set -euo pipefail
TARGET=${1:?target: frame-stream | etp-message | legacy-text}; SECONDS_TOTAL=${2:?seconds (0 = no limit)}; shift 2
case "$TARGET" in
  frame-stream) CLASS=FrameStreamFuzzTest; METHOD=framedStreamIsDecodedAndValidatedOrRefused ;;
  etp-message) CLASS=EtpMessageFuzzTest; METHOD=payloadIsDecodedAndValidatedOrRefused ;;
  legacy-text) CLASS=LegacyTextFuzzTest; METHOD=legacyReadIsParsedAndValidatedOrRefused ;;
  *) echo "unknown target $TARGET" >&2; exit 2 ;;
esac
ROOT=$(cd "$(dirname "$0")/../.." && pwd); cd "$ROOT"
mvn -o -q -pl protocol test-compile dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile=target/fuzz-classpath.txt
CP="protocol/target/test-classes:protocol/target/classes:$(cat protocol/target/fuzz-classpath.txt)"
INPUTS="protocol/src/test/resources/io/etp/protocol/fuzz/${CLASS}Inputs/${METHOD}"
CORPUS="protocol/target/fuzz-corpus/$TARGET"
mkdir -p "$CORPUS" protocol/target/fuzz-reproducers
echo "fuzz-long: $TARGET ($CLASS) for ${SECONDS_TOTAL}s from $(date -u +%FT%TZ), load $(cut -d' ' -f1-3 /proc/loadavg)"
java -Xmx1g -cp "$CP" com.code_intelligence.jazzer.Jazzer \
  --target_class="io.etp.protocol.fuzz.$CLASS" --instrumentation_includes='io.etp.**' \
  --reproducer_path=protocol/target/fuzz-reproducers \
  -artifact_prefix="$INPUTS/" -max_total_time="$SECONDS_TOTAL" -print_final_stats=1 "$@" "$CORPUS" "$INPUTS"
