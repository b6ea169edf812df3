#!/usr/bin/env bash
# Throughput of the SMPP adapter alone (JsmppCarrier -> SmscSimulator on 127.0.0.1), per binds x window x
# simulator latency. Needs only Java 17 and Maven; bounded: SECONDS per cell (default 5), at most MAX messages.
#   load-tests/adapter-bench.sh
#   BINDS=1,2 WINDOWS=64 LATENCIES=0ms SECONDS_PER_CELL=10 load-tests/adapter-bench.sh
set -euo pipefail
cd "$(dirname "$0")/.."
# One reactor run, so the classpath names this checkout's modules, not older jars in ~/.m2.
mvn -q -B -ntp -DskipTests -pl load-tests -am package dependency:build-classpath -Dmdep.outputFile=target/classpath.txt >/dev/null
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(java -version 2>&1 | head -1)"
exec java ${BENCH_JAVA_OPTS:-} -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
  -cp "load-tests/target/classes:$(cat load-tests/target/classpath.txt)" vn.vneid.load.AdapterBench \
  --binds "${BINDS:-1,2,4}" --windows "${WINDOWS:-1,10,64,256}" --latencies "${LATENCIES:-0ms,20ms}" \
  --seconds "${SECONDS_PER_CELL:-5}" --max-messages "${MAX:-300000}"
