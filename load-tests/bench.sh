#!/usr/bin/env bash
# Open-model load test of POST /v1/otp against a dev-mode gateway on loopback; needs only Java 17 and Maven.
#   load-tests/bench.sh                                           # rates 1000 2000 4000 /s
#   RATES="1000 2000 4000 6000" DURATION=20s WARMUP=5s load-tests/bench.sh
# Other settings (env): MAX_IN_FLIGHT=2000, CONNECTIONS=64, PAUSE=3 (s between rates), GW_JAVA_OPTS, LOAD_JAVA_OPTS.
# Builds the gateway and the generator from this checkout (one reactor build), starts `gateway-all.jar --dev` (its own
# Redis and SMSC simulator, GW_DEV_LOG_SMS=false, log in a temp file) on a free loopback port, waits at most
# 60 s for /health/ready, then runs vn.vneid.load.OtpIssueLoad once per rate, each with fresh citizen IDs and
# phones that no earlier rate used. Prints the machine, one summary per rate, a table and the gateway's RSS.
# Also prints the CPU the gateway process and its redis-server used during each rate (warm-up included).
# Every run is bounded (warm-up + duration + 10 s for stragglers). The gateway and its Redis are stopped on
# exit, Ctrl-C included. Exit status: 0, or 1 if any rate had more than 1 % errors, 2 if the stack did not start.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
RATES=${RATES:-"1000 2000 4000"}
DURATION=${DURATION:-20s}
WARMUP=${WARMUP:-5s}
MAX_IN_FLIGHT=${MAX_IN_FLIGHT:-2000}
CONNECTIONS=${CONNECTIONS:-64}
PAUSE=${PAUSE:-3}
READY_TIMEOUT_S=60
DEV_KEY=dev-key-local-only-0123456789
JAR="$ROOT/gateway/target/gateway-all.jar"
CLASSPATH_FILE="$ROOT/load-tests/target/classpath.txt"
GW_LOG=$(mktemp -t gateway-bench.XXXXXX.log)
RUN_OUT=$(mktemp -t otp-load.XXXXXX.out)
GW_PID=""
REDIS_PIDS=""

log() { echo "bench: $*" >&2; }

stop_gateway() {
    if [ -n "$GW_PID" ] && kill -0 "$GW_PID" 2>/dev/null; then
        REDIS_PIDS="$REDIS_PIDS $(pgrep -P "$GW_PID" -x redis-server || true)"
        log "stopping gateway (pid $GW_PID)"
        kill -TERM "$GW_PID" 2>/dev/null || true
        for _ in $(seq 150); do kill -0 "$GW_PID" 2>/dev/null || break; sleep 0.1; done
        if kill -0 "$GW_PID" 2>/dev/null; then
            log "gateway did not stop within 15 s: killing it"
            kill -KILL "$GW_PID" 2>/dev/null || true
        fi
    fi
    for pid in $REDIS_PIDS; do   # normally already stopped by the gateway's shutdown hook
        if kill -0 "$pid" 2>/dev/null; then kill -KILL "$pid" 2>/dev/null || true; fi
    done
    GW_PID=""
}
trap 'stop_gateway; rm -f "$RUN_OUT"' EXIT
trap 'exit 130' INT TERM

free_port() {
    local port
    for _ in $(seq 50); do
        port=$((20000 + RANDOM % 12000))
        if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "$port"; return 0; fi
    done
    return 1
}

build() {
    cd "$ROOT"
    # Always one reactor build: the gateway jar and the generator's classpath come from this checkout,
    # never from an older jar or from ~/.m2.
    log "building the gateway and the generator"
    mvn -q -B -ntp -Dstyle.color=never -DskipTests -pl load-tests -am package dependency:build-classpath \
        -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=runtime
}

start_gateway() {
    local port=$1 deadline=$((SECONDS + READY_TIMEOUT_S))
    log "starting the dev gateway on 127.0.0.1:$port, log $GW_LOG"
    # Unset what would point dev mode at real infrastructure: this stack must be self-contained.
    env -u GW_REDIS_URL -u GW_SMSC_URL -u GW_API_KEYS -u GW_CONFIG GW_DEV_LOG_SMS=false GW_HTTP_PORT="$port" \
        java ${GW_JAVA_OPTS:-} -jar "$JAR" --dev >"$GW_LOG" 2>&1 &
    GW_PID=$!
    until curl -fsS -o /dev/null --max-time 2 "http://127.0.0.1:$port/health/ready" 2>/dev/null; do
        if ! kill -0 "$GW_PID" 2>/dev/null; then
            log "the gateway exited during start-up; last lines of $GW_LOG:"; tail -20 "$GW_LOG" >&2; exit 2
        fi
        if [ "$SECONDS" -ge "$deadline" ]; then
            log "not ready after ${READY_TIMEOUT_S} s; last lines of $GW_LOG:"; tail -20 "$GW_LOG" >&2; exit 2
        fi
        sleep 0.5
    done
    REDIS_PIDS=$(pgrep -P "$GW_PID" -x redis-server || true)
    grep -q "DEV MODE" "$GW_LOG" || log "warning: no DEV MODE banner in $GW_LOG"
}

machine() {
    echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')," \
         "$(awk '/MemTotal/ {printf "%.1f GiB RAM", $2 / 1048576}' /proc/meminfo)"
    java -version 2>&1 | sed 's/^/  /'
}

field() { tr ' ' '\n' <<<"$1" | sed -n "s/^$2=//p"; }

# CPU time (user + system, in clock ticks) a process has used so far; 0 once it is gone.
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat" 2>/dev/null || echo 0; }
# Average cores used between two tick readings taken $3 nanoseconds apart.
cores() { awk -v d="$(($2 - $1))" -v ns="$3" -v hz="$(getconf CLK_TCK)" 'BEGIN {printf "%.2f", (ns > 0) ? d / hz / (ns / 1e9) : 0}'; }

build
PORT=$(free_port) || { log "no free port found"; exit 2; }
start_gateway "$PORT"
GENERATOR=(java ${LOAD_JAVA_OPTS:-} -cp "$ROOT/load-tests/target/classes:$(cat "$CLASSPATH_FILE")" vn.vneid.load.OtpIssueLoad)

declare -a ROWS=()
FAILED=0
ID_OFFSET=0
for rate in $RATES; do
    echo
    echo "=== rate $rate/s: warmup $WARMUP, measured $DURATION ==="
    gw_before=$(cpu_ticks "$GW_PID"); redis_before=0
    for pid in $REDIS_PIDS; do redis_before=$((redis_before + $(cpu_ticks "$pid"))); done
    t_before=$(date +%s%N)
    set +e
    "${GENERATOR[@]}" --url "http://127.0.0.1:$PORT" --key "$DEV_KEY" --rate "$rate" \
        --duration "$DURATION" --warmup "$WARMUP" --max-in-flight "$MAX_IN_FLIGHT" --purpose ACTIVATE \
        --connections "$CONNECTIONS" --id-offset "$ID_OFFSET" | tee "$RUN_OUT"
    status=${PIPESTATUS[0]}
    set -e
    t_after=$(date +%s%N); gw_after=$(cpu_ticks "$GW_PID"); redis_after=0
    for pid in $REDIS_PIDS; do redis_after=$((redis_after + $(cpu_ticks "$pid"))); done
    gw_cores=$(cores "$gw_before" "$gw_after" $((t_after - t_before)))
    redis_cores=$(cores "$redis_before" "$redis_after" $((t_after - t_before)))
    echo "cpu: gateway $gw_cores cores, redis $redis_cores cores (averaged over warm-up, measured and stragglers)"
    result=$(grep '^RESULT ' "$RUN_OUT" || true)
    if [ -z "$result" ]; then
        log "rate $rate: the generator printed no result (exit $status)"; FAILED=1; ROWS+=("$rate - - - - failed - - -"); break
    fi
    [ "$status" -eq 0 ] || FAILED=1
    ID_OFFSET=$(field "$result" next_id_offset)
    ROWS+=("$rate $(field "$result" achieved) $(field "$result" p50) $(field "$result" p99) $(field "$result" max) $(field "$result" errors) $(field "$result" dropped) $gw_cores $redis_cores")
    kill -0 "$GW_PID" 2>/dev/null || { log "the gateway died; see $GW_LOG"; FAILED=1; break; }
    sleep "$PAUSE"
done

echo
machine
echo "POST /v1/otp, open model, warmup $WARMUP + measured $DURATION per rate, max in flight $MAX_IN_FLIGHT, $CONNECTIONS connections; latency in ms from intended send time"
echo "gw cpu / redis cpu: cores used by the gateway process (with dev mode's in-process SMSC simulator) / by redis-server"
printf '%8s | %10s | %8s | %8s | %8s | %7s | %7s | %6s | %9s\n' rate achieved/s p50 p99 max errors dropped 'gw cpu' 'redis cpu'
printf '%s\n' "---------+------------+----------+----------+----------+---------+---------+--------+----------"
for row in "${ROWS[@]}"; do
    # shellcheck disable=SC2086
    printf '%8s | %10s | %8s | %8s | %8s | %7s | %7s | %6s | %9s\n' $row
done
if [ -n "$GW_PID" ] && kill -0 "$GW_PID" 2>/dev/null; then
    echo "gateway RSS: $(awk '/VmRSS/ {printf "%d MiB", $2 / 1024}' "/proc/$GW_PID/status")" \
         "(peak $(awk '/VmHWM/ {printf "%d MiB", $2 / 1024}' "/proc/$GW_PID/status"))"
    for pid in $REDIS_PIDS; do
        [ -r "/proc/$pid/status" ] && echo "redis RSS: $(awk '/VmRSS/ {printf "%d MiB", $2 / 1024}' "/proc/$pid/status")"
    done
fi
echo "gateway log: $GW_LOG ($(grep -c -E '\b(WARN|ERROR)\b' "$GW_LOG" || true) WARN/ERROR lines)"
exit "$FAILED"
