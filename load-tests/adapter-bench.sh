#!/usr/bin/env bash
# Throughput and client CPU of the SMPP adapter alone (JsmppCarrier -> SmscSimulator on 127.0.0.1), per binds x
# window x simulator latency. Needs only Java 17 and Maven; bounded: SECONDS per cell (default 5), at most MAX
# messages.
#   load-tests/adapter-bench.sh
#   BINDS=1,2 WINDOWS=64 LATENCIES=0ms SECONDS_PER_CELL=10 load-tests/adapter-bench.sh
#   SEPARATE_SMSC=1 BINDS=1 WINDOWS=100 load-tests/adapter-bench.sh   # simulator in its own JVM: "cpu µs" is the client's alone
set -euo pipefail
cd "$(dirname "$0")/.."
# One reactor run, so the classpath names this checkout's modules, not older jars in ~/.m2.
mvn -q -B -ntp -DskipTests -pl load-tests -am package dependency:build-classpath -Dmdep.outputFile=target/classpath.txt >/dev/null
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(java -version 2>&1 | head -1)"
CP="load-tests/target/classes:$(cat load-tests/target/classpath.txt)"
LOG="-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"
SMSC_ARGS=()
if [[ "${SEPARATE_SMSC:-0}" == 1 ]]; then
  SMSC_OUT=$(mktemp)
  java ${SMSC_JAVA_OPTS:-} $LOG -cp "$CP" vn.vneid.load.AdapterBench --serve-smsc 0 >"$SMSC_OUT" &
  SMSC_PID=$!
  trap 'kill "$SMSC_PID" 2>/dev/null || true; rm -f "$SMSC_OUT"' EXIT
  for _ in $(seq 1 100); do grep -q '^smsc-port ' "$SMSC_OUT" && break; sleep 0.1; done
  PORT=$(sed -n 's/^smsc-port //p' "$SMSC_OUT")
  [[ -n "$PORT" ]] || { echo "the simulator did not start" >&2; exit 1; }
  SMSC_ARGS=(--smsc-port "$PORT")
fi
java ${BENCH_JAVA_OPTS:-} $LOG -cp "$CP" vn.vneid.load.AdapterBench \
  --binds "${BINDS:-1,2,4}" --windows "${WINDOWS:-1,10,64,256}" --latencies "${LATENCIES:-0ms,20ms}" \
  --seconds "${SECONDS_PER_CELL:-5}" --max-messages "${MAX:-300000}" "${SMSC_ARGS[@]}"
