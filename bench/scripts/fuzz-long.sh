#!/bin/bash
# Long fuzzing run of one fuzz target through Jazzer's command line, for hours if asked; `mvn verify` runs each target
# for only 20-25 s (docs/security.md, "Fuzzing"). The corpus grows in MODULE/target/fuzz-corpus/TARGET (kept between
# runs until `mvn clean`), seeded from the target's stored inputs; a finding is written straight into those inputs
# (MODULE/src/test/resources/<package>/<Class>Inputs/<method>/crash-*) so that, once fixed, plain `mvn test`
# replays it as a regression input. libFuzzer prints executions and exec/s; the summary goes to the log's last lines;
# the gateway and HTTP targets also print their own counts when they stop (frames, bodies, messages: read/answered,
# routed, refused).
# usage: bench/scripts/fuzz-long.sh TARGET SECONDS [more libFuzzer/Jazzer flags]
#   TARGET: frame-stream | etp-message | legacy-text        (protocol/)
#           device-session                                  (gateway/: the DeviceSession fed frame sequences)
#           request-bodies | live-client-message            (http/: REST JSON bodies, WebSocket client messages)
#           all                                             (each of the above in turn, SECONDS each)
#   e.g. nice -n 10 bench/scripts/fuzz-long.sh device-session 1800       # 30 minutes
#        nice -n 10 bench/scripts/fuzz-long.sh request-bodies 0 -runs=1000000   # exactly 1 million bodies
#        bench/scripts/fuzz-long.sh legacy-text 3600 -jobs=2 -workers=2      # two processes (libFuzzer fork mode)
# To keep interesting inputs of a long run in the repository, minimise them first (libFuzzer -merge=1 into the inputs
# directory) and commit only a few: the stored inputs are replayed by every `mvn test`.
set -euo pipefail
TARGET=${1:?target: frame-stream | etp-message | legacy-text | device-session | request-bodies | live-client-message | all}
SECONDS_TOTAL=${2:?seconds (0 = no limit)}; shift 2
if [ "$TARGET" = all ]; then
  for t in frame-stream etp-message legacy-text device-session request-bodies live-client-message; do
    "$0" "$t" "$SECONDS_TOTAL" "$@"
  done
  exit 0
fi
DICT=()
case "$TARGET" in
  frame-stream) MODULE=protocol; PKG=io.etp.protocol.fuzz; CLASS=FrameStreamFuzzTest; METHOD=framedStreamIsDecodedAndValidatedOrRefused ;;
  etp-message) MODULE=protocol; PKG=io.etp.protocol.fuzz; CLASS=EtpMessageFuzzTest; METHOD=payloadIsDecodedAndValidatedOrRefused ;;
  legacy-text) MODULE=protocol; PKG=io.etp.protocol.fuzz; CLASS=LegacyTextFuzzTest; METHOD=legacyReadIsParsedAndValidatedOrRefused ;;
  device-session) MODULE=gateway; PKG=io.etp.edge.fuzz; CLASS=DeviceSessionFuzzTest; METHOD=frameSequenceIsAnsweredRoutedOrCounted ;;
  request-bodies) MODULE=http; PKG=io.etp.api.fuzz; CLASS=RequestBodiesFuzzTest; METHOD=everyBodyIsReadOrRefusedWith400
    DICT=(-dict=http/src/test/resources/io/etp/api/fuzz/bodies.dict) ;;
  live-client-message) MODULE=http; PKG=io.etp.live.fuzz; CLASS=LiveClientMessageFuzzTest; METHOD=everyClientMessageIsReadOrRefused
    DICT=(-dict=http/src/test/resources/io/etp/live/fuzz/client-messages.dict) ;;
  *) echo "unknown target $TARGET" >&2; exit 2 ;;
esac
ROOT=$(cd "$(dirname "$0")/../.." && pwd); cd "$ROOT"
mvn -o -q -pl "$MODULE" test-compile dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile=target/fuzz-classpath.txt
CP="$MODULE/target/test-classes:$MODULE/target/classes:$(cat "$MODULE/target/fuzz-classpath.txt")"
INPUTS="$MODULE/src/test/resources/${PKG//.//}/${CLASS}Inputs/${METHOD}"
CORPUS="$MODULE/target/fuzz-corpus/$TARGET"
INCLUDES='io.etp.**'
[ "$MODULE" = http ] && INCLUDES='io.etp.**:com.fasterxml.jackson.core.**'
mkdir -p "$CORPUS" "$MODULE/target/fuzz-reproducers"
echo "fuzz-long: $TARGET ($CLASS) for ${SECONDS_TOTAL}s from $(date -u +%FT%TZ), load $(cut -d' ' -f1-3 /proc/loadavg)"
java -Xmx1g -cp "$CP" com.code_intelligence.jazzer.Jazzer \
  --target_class="$PKG.$CLASS" --instrumentation_includes="$INCLUDES" \
  --reproducer_path="$MODULE/target/fuzz-reproducers" \
  -artifact_prefix="$INPUTS/" -max_total_time="$SECONDS_TOTAL" -print_final_stats=1 "${DICT[@]}" "$@" "$CORPUS" "$INPUTS"
echo "fuzz-long: $TARGET ended $(date -u +%FT%TZ), load $(cut -d' ' -f1-3 /proc/loadavg)"
