#!/usr/bin/env bash
# The one-command bench: the gateway with a production configuration (not dev mode) against a private Redis and a
# standalone SMSC simulator, all on loopback; each scenario at increasing rates until one misses the bar
# (p99 <= 50 ms, no errors); a results table; everything it started is stopped on exit (Ctrl-C included).
# Needs Java 17+ and Maven; redis-server from PATH when there is one, else the embedded binary.
#   load-tests/bench.sh                                   # all scenarios, about 6-7 minutes on 2 cores
#   SCENARIOS="otp" OTP_RATES="2000 3000" load-tests/bench.sh
#   SCENARIOS=overload OVERLOAD_RATES="200 400" load-tests/bench.sh   # only the overload step
# The overload step (OVERLOAD=1, default; OVERLOAD=0 leaves it out) runs the generator's overload mix
# (OVERLOAD_MIX, default the generator's verify=25,issue=25,transactional=25,bulk=25) up OVERLOAD_RATES until one
# misses the bar (accepted p99 <= P99_MS, nothing shed, no errors, nothing dropped): the last rate that held is the
# capacity; then the mix at OVERLOAD_FACTORS (default "2 4") times that, and a table per request class: goodput,
# share shed, accepted p99, shed p99, and the gateway's CPU per answered request (shed answers included).
# Settings (env): SCENARIOS="otp verify mixed notices overload", OTP_RATES="1000 1500 2000 3000", VERIFY_RATES="5000 10000 15000",
# NOTICE_RATES="1000 2000 4000", MIXED_OTP_RATE=300, CAMPAIGN_RECIPIENTS=100000, CARRIER_TPS=5000 (the carrier's
# contract; the campaign asks for it, more than the gateway can dispatch here, so bulk keeps the carrier's window
# and queue full while OTPs go on), WARMUP=3s, DURATION=10s, VERIFY_WARMUP=1s, VERIFY_DURATION=4s, CONNECTIONS=64,
# MAX_IN_FLIGHT=4000, P99_MS=50, PAUSE=2 (s between runs), OVERLOAD_RATES="1000 1500 2000 2500 3000",
# OVERLOAD_WARMUP=2s, OVERLOAD_DURATION=6s, OVERLOAD_CONNECTIONS=1000 (many clients' pools: with 64 connections the
# excess queues in the generator, never reaching the gateway, so there is nothing for it to shed), WARM_RATE=1000 and WARM_FOR=40s (an unmeasured OTP run
# first: a cold JVM spends a third of its CPU in the JIT compiler for the first minute),
# GW_JAVA_OPTS (default: a 192 MiB heap, see the README), LOAD_JAVA_OPTS, RESULTS_DIR (default a temp dir: one
# JSON per run), CONFIG (a gateway YAML file for what the environment does not set, e.g. logging or dispatch;
# default: one that turns the SMS-pumping guard off, since the generator issues codes nobody verifies).
# The closed step (SCENARIOS=closed; not in the default list) is the Kannel-shaped comparison of issue 10: a fresh
# stack whose simulator sends receipts at once, the gateway with one bind of window CLOSED_WINDOW (100) and a carrier
# cap of CLOSED_TPS (100000, so that nothing but the gateway sets the pace), warmed by a closed run of CLOSED_WARM
# requests of each gateway system; then CLOSED_REPS (3) rounds of CLOSED_SYSTEMS ("notices otp"; add "kannel
# kannel-dlr" to run Kannel 1.4.5 beside it, see load-tests/kannel/), each a closed loop of CLOSED_N (50000) requests
# over CLOSED_CONNECTIONS (64) keep-alive connections to distinct numbers, done when every message is at the SMSC and
# its receipt recorded; a table of e2e msgs/s at the SMSC, p50/p99 and CPU us per message (gateway and Redis apart).
#   SCENARIOS=closed load-tests/bench.sh                   # gateway notices and OTP, about 3 minutes
#   SCENARIOS=closed CLOSED_SYSTEMS="notices otp kannel kannel-dlr" load-tests/bench.sh    # = load-tests/kannel/compare.sh
# CLOSED_CONFIG: the gateway's YAML file for the closed step (default: the pumping guard off and a fixed admission
# limit of 200, see closed-step.sh). CLOSED_CONFIGS="info=a.yaml warn=b.yaml" compares gateway configurations: in each round the gateway is restarted
# with each file in turn (warmed again) and runs the gateway systems; rows are named notices@info, notices@warn.
# Exit status: 0, 1 if a run failed outright (setup failed, gateway died), 2 if the stack did not start.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
SCENARIOS=${SCENARIOS:-"otp verify mixed notices overload"}
OVERLOAD=${OVERLOAD:-1}
[ "$OVERLOAD" = 0 ] && SCENARIOS=$(tr ' ' '\n' <<<"$SCENARIOS" | grep -vx overload | tr '\n' ' ' || true)
OVERLOAD_RATES=${OVERLOAD_RATES:-"1000 1500 2000 2500 3000"}
OVERLOAD_FACTORS=${OVERLOAD_FACTORS:-"2 4"}
OVERLOAD_MIX=${OVERLOAD_MIX:-}
OVERLOAD_WARMUP=${OVERLOAD_WARMUP:-2s}
OVERLOAD_DURATION=${OVERLOAD_DURATION:-6s}
OVERLOAD_CONNECTIONS=${OVERLOAD_CONNECTIONS:-1000}
OTP_RATES=${OTP_RATES:-"1000 1500 2000 3000"}
VERIFY_RATES=${VERIFY_RATES:-"5000 10000 15000"}
NOTICE_RATES=${NOTICE_RATES:-"1000 2000 4000"}
MIXED_OTP_RATE=${MIXED_OTP_RATE:-300}
CAMPAIGN_RECIPIENTS=${CAMPAIGN_RECIPIENTS:-100000}
CARRIER_TPS=${CARRIER_TPS:-5000}
WARMUP=${WARMUP:-3s}
DURATION=${DURATION:-10s}
VERIFY_WARMUP=${VERIFY_WARMUP:-1s}
VERIFY_DURATION=${VERIFY_DURATION:-4s}
CONNECTIONS=${CONNECTIONS:-64}
MAX_IN_FLIGHT=${MAX_IN_FLIGHT:-4000}
P99_MS=${P99_MS:-50}
PAUSE=${PAUSE:-2}
WARM_RATE=${WARM_RATE:-1000}
WARM_FOR=${WARM_FOR:-40s}
GW_JAVA_OPTS=${GW_JAVA_OPTS:-"-Xms192m -Xmx192m -XX:MaxDirectMemorySize=64m -XX:+UseParallelGC"}
READY_TIMEOUT_S=60
JAR=${GATEWAY_JAR:-"$ROOT/gateway/target/gateway-all.jar"}   # GATEWAY_JAR: another build of the gateway, for a before/after run
CLASSPATH_FILE="$ROOT/load-tests/target/classpath.txt"
WORK=$(mktemp -d -t gateway-bench.XXXXXX)
RESULTS_DIR=${RESULTS_DIR:-$WORK}
mkdir -p "$RESULTS_DIR"
GW_LOG="$WORK/gateway.log"
STACK_OUT="$WORK/stack.out"
GW_PID=""
STACK_PID=""
REDIS_PID=""
CLOSED_N=${CLOSED_N:-50000}
CLOSED_REPS=${CLOSED_REPS:-${REPS:-3}}
CLOSED_SYSTEMS=${CLOSED_SYSTEMS:-"notices otp"}
CLOSED_WINDOW=${CLOSED_WINDOW:-100}
CLOSED_TPS=${CLOSED_TPS:-100000}
CLOSED_CONNECTIONS=${CLOSED_CONNECTIONS:-64}
CLOSED_WARM=${CLOSED_WARM:-30000}

log() { echo "bench: $*" >&2; }

stop_gateway() {
    if [ -n "$GW_PID" ] && kill -0 "$GW_PID" 2>/dev/null; then
        log "stopping the gateway (pid $GW_PID)"
        kill -TERM "$GW_PID" 2>/dev/null || true
        for _ in $(seq 150); do kill -0 "$GW_PID" 2>/dev/null || break; sleep 0.1; done
        kill -KILL "$GW_PID" 2>/dev/null || true
    fi
    GW_PID=""
}

stop_all() {
    stop_gateway
    if [ -n "$STACK_PID" ] && kill -0 "$STACK_PID" 2>/dev/null; then
        log "stopping Redis and the simulator (pid $STACK_PID)"
        exec 3>&- || true          # end of its standard input: it stops by itself
        kill -TERM "$STACK_PID" 2>/dev/null || true
        for _ in $(seq 100); do kill -0 "$STACK_PID" 2>/dev/null || break; sleep 0.1; done
        kill -KILL "$STACK_PID" 2>/dev/null || true
    fi
    if declare -F kannel_stop >/dev/null; then kannel_stop; fi
    GW_PID=""; STACK_PID=""; REDIS_PID=""
}
trap stop_all EXIT
trap 'exit 130' INT TERM

free_port() {
    local port
    for _ in $(seq 50); do
        port=$((20000 + RANDOM % 12000))
        if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "$port"; return 0; fi
    done
    return 1
}

random_secret() { head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n'; }

build() {
    cd "$ROOT"
    # One reactor build: the gateway jar and the generator's classpath come from this checkout, never from ~/.m2.
    log "building the gateway and the generator"
    mvn -q -B -ntp -Dstyle.color=never -DskipTests -pl load-tests -am package dependency:build-classpath \
        -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=runtime
}

# start_stack [RECEIPT_DELAY]: Redis and the simulator (receipts after RECEIPT_DELAY, default the stack's 1 s).
start_stack() {
    local deadline=$((SECONDS + READY_TIMEOUT_S))
    rm -f "$WORK/stack.in" "$STACK_OUT"
    mkfifo "$WORK/stack.in"
    java -Xmx1g -cp "$CP" vn.vneid.load.BenchStack ${1:+--receipt-delay "$1"} <"$WORK/stack.in" >"$STACK_OUT" 2>"$WORK/stack.log" &
    STACK_PID=$!
    exec 3>"$WORK/stack.in"
    until grep -q '^STACK ' "$STACK_OUT" 2>/dev/null; do
        kill -0 "$STACK_PID" 2>/dev/null || { log "the stack exited; see $WORK/stack.log"; tail -20 "$WORK/stack.log" >&2; exit 2; }
        [ "$SECONDS" -lt "$deadline" ] || { log "the stack did not start within ${READY_TIMEOUT_S} s"; exit 2; }
        sleep 0.2
    done
    local line; line=$(grep '^STACK ' "$STACK_OUT")
    REDIS_URL=$(field "$line" redis); SMPP=$(field "$line" smpp); SIM_URL=$(field "$line" sim); REDIS_PID=$(field "$line" redis_pid)
    log "Redis $REDIS_URL, SMSC simulator $SMPP (messages at $SIM_URL)"
}

# start_gateway PORT [WINDOW] [TPS]: the gateway's one carrier has one bind of WINDOW (64) and a cap of TPS (CARRIER_TPS).
start_gateway() {
    local port=$1 window=${2:-64} tps=${3:-$CARRIER_TPS} deadline=$((SECONDS + READY_TIMEOUT_S))
    if [ -z "${CONFIG:-}" ]; then
        # The generator issues thousands of codes that nobody verifies, to a few number ranges: exactly what the
        # SMS-pumping guard holds (429 otp.prefix_held). The bench measures capacity, so the guard is off here.
        CONFIG="$WORK/bench.yaml"
        printf 'otp:\n  pumpingGuard: {enabled: false}\n' >"$CONFIG"
    fi
    log "starting the gateway (production configuration, window $window, tps $tps) on 127.0.0.1:$port with $GW_JAVA_OPTS, log $GW_LOG"
    # A production start: every setting given, nothing filled in by dev mode; env wins over any GW_CONFIG file.
    env -u GW_CONFIG GW_HTTP_PORT="$port" GW_REDIS_URL="$REDIS_URL" GW_API_KEYS="bench:$API_KEY:otp+messages+campaigns" \
        GW_SMSC_URL="smpp://vneid:secret@$SMPP?binds=1&window=$window&tps=$tps" GW_OTP_SECRET="$(random_secret)" \
        java $GW_JAVA_OPTS -jar "$JAR" ${CONFIG:+--config "$CONFIG"} >"$GW_LOG" 2>&1 &
    GW_PID=$!
    until curl -fsS -o /dev/null --max-time 2 "http://127.0.0.1:$port/health/ready" 2>/dev/null; do
        kill -0 "$GW_PID" 2>/dev/null || { log "the gateway exited during start-up:"; tail -20 "$GW_LOG" >&2; exit 2; }
        [ "$SECONDS" -lt "$deadline" ] || { log "not ready after ${READY_TIMEOUT_S} s:"; tail -20 "$GW_LOG" >&2; exit 2; }
        sleep 0.5
    done
    if grep -q "DEV MODE" "$GW_LOG"; then log "the gateway started in dev mode: refusing to measure it"; exit 2; fi
}

machine() {
    echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')," \
         "$(awk '/MemTotal/ {printf "%.1f GiB RAM", $2 / 1048576}' /proc/meminfo), $(java -version 2>&1 | head -1)"
}

field() { tr ' ' '\n' <<<"$1" | sed -n "s/^$2=//p"; }
over() { awk -v p="$1" -v max="$P99_MS" 'BEGIN {exit !(p > max)}'; }
rss_mib() { awk '/VmRSS/ {printf "%d", $2 / 1024}' "/proc/$1/status" 2>/dev/null || echo -; }
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat" 2>/dev/null || echo 0; }
cores() { awk -v d="$(($2 - $1))" -v ns="$3" -v hz="$(getconf CLK_TCK)" 'BEGIN {printf "%.2f", (ns > 0) ? d / hz / (ns / 1e9) : 0}'; }

declare -a ROWS=()
declare -a OVERLOAD_RUNS=()   # "label|gateway cores|RESULT line" of the capacity run and the runs above it
FAILED=0
VERDICT_AS=""        # when set, run() reports this instead of held/missed (runs past capacity on purpose)
LAST_RESULT=""
LAST_GW_CORES=0
OVERLOAD_CAPACITY=""
ID_OFFSET=0
PEAK_RSS=0

# run SCENARIO RATE [extra generator options...]: one generator run; appends a row; returns 0 if it held the bar.
run() {
    local scenario=$1 rate=$2; shift 2
    local warmup=$WARMUP duration=$DURATION connections=$CONNECTIONS out="$WORK/$scenario-$rate.out" json="$RESULTS_DIR/$scenario-$rate.json"
    if [ "$scenario" = verify ]; then warmup=$VERIFY_WARMUP; duration=$VERIFY_DURATION; fi
    if [ "$scenario" = overload ]; then
        warmup=$OVERLOAD_WARMUP; duration=$OVERLOAD_DURATION; connections=$OVERLOAD_CONNECTIONS
    fi
    echo; echo "=== $scenario at $rate/s: warmup $warmup, measured $duration ==="
    local gw_before t_before status
    gw_before=$(cpu_ticks "$GW_PID"); t_before=$(date +%s%N)
    set +e
    java ${LOAD_JAVA_OPTS:-} -cp "$CP" vn.vneid.load.LoadGenerator --scenario "$scenario" --url "http://127.0.0.1:$PORT" \
        --key "$API_KEY" --sim-url "$SIM_URL" --rate "$rate" --warmup "$warmup" --duration "$duration" \
        --connections "$connections" --max-in-flight "$MAX_IN_FLIGHT" --id-offset "$ID_OFFSET" --json "$json" "$@" | tee "$out"
    status=${PIPESTATUS[0]}
    set -e
    local gw_cores rss result e2e
    gw_cores=$(cores "$gw_before" "$(cpu_ticks "$GW_PID")" $(($(date +%s%N) - t_before)))
    rss=$(rss_mib "$GW_PID"); [ "$rss" != - ] && [ "$rss" -gt "$PEAK_RSS" ] && PEAK_RSS=$rss
    result=$(grep '^RESULT ' "$out" || true)
    if [ -z "$result" ]; then
        log "$scenario at $rate/s: no result (exit $status)"; FAILED=1
        ROWS+=("$scenario $rate - - - - - - - - - $gw_cores - $rss failed"); return 1
    fi
    ID_OFFSET=$(field "$result" next_id_offset)
    LAST_RESULT=$result; LAST_GW_CORES=$gw_cores
    e2e=$(grep '^E2E ' "$out" || echo "E2E p99=- per_second=- missing=-")
    local p99 errors dropped shed verdict=held
    p99=$(field "$result" p99); errors=$(field "$result" errors); dropped=$(field "$result" dropped)
    shed=$(field "$result" shed)   # overload only: answers that told the client to retry later
    # OTPs are judged on both the HTTP answer and the SMS reaching the SMSC; notices on their HTTP answer only
    # (their SMS wait in a durable lane by design).
    local e2e_p99; e2e_p99=$(field "$e2e" p99); [ "$scenario" = notices ] && e2e_p99=-
    if [ "$errors" != 0 ] || [ "$dropped" != 0 ] || [ "${shed:-0}" != 0 ] || [ "$p99" = - ] || over "$p99" \
        || { [ "$e2e_p99" != - ] && over "$e2e_p99"; }; then
        verdict=missed
    fi
    [ -n "$VERDICT_AS" ] && verdict=$VERDICT_AS
    # CPU per answered request: per accepted one, or for overload per answer of any kind (shedding costs CPU too).
    local achieved us_per per_second; achieved=$(field "$result" achieved); per_second=$(field "$result" answered)
    us_per=$(awk -v c="$gw_cores" -v a="${per_second:-$achieved}" 'BEGIN {if (a > 0) printf "%d", c * 1e6 / a; else print "-"}')
    ROWS+=("$scenario $rate $achieved $(field "$result" p50) $p99 $(field "$result" p999) $errors $dropped"\
" $(field "$e2e" p99) $(field "$e2e" per_second) $(field "$e2e" missing) $gw_cores $us_per $rss $verdict")
    kill -0 "$GW_PID" 2>/dev/null || { log "the gateway died; see $GW_LOG"; FAILED=1; return 1; }
    sleep "$PAUSE"
    [ "$verdict" = held ]
}

# ramp SCENARIO RATES...: increasing rates until one misses the bar.
ramp() {
    local scenario=$1; shift
    for rate in "$@"; do
        run "$scenario" "$rate" || break
    done
}

# overload_step: the mix up OVERLOAD_RATES to its capacity (the last rate that held), then at each factor of it.
overload_step() {
    local capacity="" rate factor
    local mix=(); [ -n "$OVERLOAD_MIX" ] && mix=(--mix "$OVERLOAD_MIX")
    for rate in $OVERLOAD_RATES; do
        if run overload "$rate" ${mix[@]+"${mix[@]}"}; then
            capacity=$rate; OVERLOAD_RUNS=("capacity|$LAST_GW_CORES|$LAST_RESULT")
        else
            break
        fi
    done
    if [ -z "$capacity" ]; then
        log "overload: no rate of $OVERLOAD_RATES held the bar; set lower OVERLOAD_RATES to find the capacity"
        return 0
    fi
    OVERLOAD_CAPACITY=$capacity
    [ "$rate" = "$capacity" ] && log "overload: every rate held; the capacity is at least $capacity/s (add higher OVERLOAD_RATES)"
    for factor in $OVERLOAD_FACTORS; do
        kill -0 "$GW_PID" 2>/dev/null || return 0
        VERDICT_AS="${factor}x-cap"; LAST_RESULT=""
        run overload $((capacity * factor)) ${mix[@]+"${mix[@]}"} || true
        [ -n "$LAST_RESULT" ] && OVERLOAD_RUNS+=("${factor}x|$LAST_GW_CORES|$LAST_RESULT")
        VERDICT_AS=""
    done
}

# overload_table: per request class of each overload run past the ladder (capacity, then its multiples).
overload_table() {
    [ "${#OVERLOAD_RUNS[@]}" -gt 0 ] || return 0
    echo
    echo "overload: capacity $OVERLOAD_CAPACITY/s = the highest of OVERLOAD_RATES ($OVERLOAD_RATES) whose accepted p99 <= ${P99_MS} ms"\
         "with nothing shed, no errors, nothing dropped; then ${OVERLOAD_FACTORS// /x, }x that rate. Shed = 503 overloaded or 429,"
    echo "with Retry-After; latency in ms from the intended send time; gw us/answer = gateway CPU per HTTP answer of any kind"
    printf '%-8s | %7s | %-13s | %9s | %9s | %7s | %8s | %8s | %6s | %7s | %s\n' \
        run rate class offered/s goodput/s 'shed %' 'acc p99' 'shed p99' errors dropped 'gw us/answer'
    printf '%s\n' "---------+---------+---------------+-----------+-----------+---------+----------+----------+--------+---------+-------------"
    local entry label cores result c rate answered us
    for entry in "${OVERLOAD_RUNS[@]}"; do
        label=${entry%%|*}; entry=${entry#*|}; cores=${entry%%|*}; result=${entry#*|}
        rate=$(field "$result" rate); answered=$(field "$result" answered)
        us=$(awk -v c="$cores" -v a="$answered" 'BEGIN {if (a > 0) printf "%d", c * 1e6 / a; else print "-"}')
        for c in verify issue transactional bulk; do
            [ -n "$(field "$result" "${c}_offered")" ] || continue
            printf '%-8s | %7s | %-13s | %9s | %9s | %7s | %8s | %8s | %6s | %7s | %s\n' "$label" "$rate" "$c" \
                "$(field "$result" "${c}_offered")" "$(field "$result" "${c}_goodput")" "$(field "$result" "${c}_shed_pct")" \
                "$(field "$result" "${c}_p99")" "$(field "$result" "${c}_shed_p99")" "$(field "$result" "${c}_errors")" \
                "$(field "$result" "${c}_dropped")" ""
        done
        printf '%-8s | %7s | %-13s | %9s | %9s | %7s | %8s | %8s | %6s | %7s | %s\n' "$label" "$rate" all "$rate" \
            "$(field "$result" achieved)" "$(field "$result" shed_pct)" "$(field "$result" p99)" "$(field "$result" shed_p99)" \
            "$(field "$result" errors)" "$(field "$result" dropped)" "$us"
    done
}

build
CP="$ROOT/load-tests/target/classes:$(cat "$CLASSPATH_FILE")"
API_KEY="bench-$(random_secret)"
CLOSED=0
for scenario in $SCENARIOS; do [ "$scenario" = closed ] && CLOSED=1; done
SCENARIOS=$(tr ' ' '\n' <<<"$SCENARIOS" | grep -vx closed | tr '\n' ' ' || true)
if [ -n "${SCENARIOS// /}" ]; then
    start_stack
    PORT=$(free_port) || { log "no free port found"; exit 2; }
    start_gateway "$PORT"

    # A production gateway is warm: one unmeasured minute of JIT compilation is not what a campaign peak sees.
    echo; echo "=== warming the gateway up: otp at $WARM_RATE/s for $WARM_FOR (not measured) ==="
    java ${LOAD_JAVA_OPTS:-} -cp "$CP" vn.vneid.load.LoadGenerator --scenario otp --url "http://127.0.0.1:$PORT" --key "$API_KEY" \
        --rate "$WARM_RATE" --warmup 0s --duration "$WARM_FOR" --connections "$CONNECTIONS" --id-offset "$ID_OFFSET" \
        >"$WORK/warm.out" || log "the warm-up run reported errors; see $WORK/warm.out"
    ID_OFFSET=$(field "$(grep '^RESULT ' "$WORK/warm.out" || echo next_id_offset=1000000)" next_id_offset)
    sleep "$PAUSE"

    for scenario in $SCENARIOS; do
        case $scenario in
            otp) ramp otp $OTP_RATES ;;
            verify) ramp verify $VERIFY_RATES ;;
            notices) ramp notices $NOTICE_RATES ;;
            mixed) run mixed "$MIXED_OTP_RATE" --recipients "$CAMPAIGN_RECIPIENTS" --campaign-rate "$CARRIER_TPS" || true ;;
            overload) overload_step ;;
            *) log "unknown scenario $scenario (otp, verify, mixed, notices, overload, closed)"; exit 2 ;;
        esac
    done
fi

if [ "${#ROWS[@]}" -gt 0 ]; then
    echo
    machine
    echo "gateway: production configuration, 1 bind x window 64 to the simulator, carrier cap $CARRIER_TPS/s; JVM $GW_JAVA_OPTS"
    echo "open model, warmup $WARMUP + measured $DURATION per run (verify $VERIFY_WARMUP + $VERIFY_DURATION, overload $OVERLOAD_WARMUP + $OVERLOAD_DURATION), $CONNECTIONS connections (overload $OVERLOAD_CONNECTIONS);"
    echo "latency in ms from the intended send time; e2e = intended send -> submit_sm at the simulator (OTP SMS, notices);"
    echo "at smsc/s = those messages per second at the simulator; mixed = OTPs while a campaign of $CAMPAIGN_RECIPIENTS saturates the carrier;"
    echo "overload = the mix (shares per class) at one rate: p50/p99/p99.9 of accepted answers, achieved = goodput, and its gw us/r is"
    echo "per answer of any kind; it holds when nothing is shed, nothing fails and accepted p99 <= ${P99_MS} ms (per class: table below);"
    echo "gw cpu = cores the gateway process used during the run (warm-up included); gw us/r = its CPU microseconds per answered request"
    printf '%-8s | %6s | %10s | %7s | %7s | %7s | %6s | %7s | %8s | %10s | %7s | %6s | %7s | %7s | %s\n' \
        scenario rate achieved/s p50 p99 p99.9 errors dropped 'e2e p99' 'at smsc/s' missing 'gw cpu' 'gw us/r' 'rss MiB' "p99<=${P99_MS}ms"
    printf '%s\n' "---------+--------+------------+---------+---------+---------+--------+---------+----------+------------+---------+--------+---------+---------+---------"
    for row in "${ROWS[@]}"; do
        # shellcheck disable=SC2086
        printf '%-8s | %6s | %10s | %7s | %7s | %7s | %6s | %7s | %8s | %10s | %7s | %6s | %7s | %7s | %s\n' $row
    done
    overload_table
    echo "gateway peak RSS during the runs: ${PEAK_RSS} MiB (VmHWM $(awk '/VmHWM/ {printf "%d MiB", $2 / 1024}' "/proc/$GW_PID/status" 2>/dev/null || echo -))"
    echo "results (JSON, one per run): $RESULTS_DIR; gateway log: $GW_LOG ($(grep -c -E '\b(WARN|ERROR)\b' "$GW_LOG" || true) WARN/ERROR lines)"
fi
if [ "$CLOSED" = 1 ]; then
    # shellcheck source=closed-step.sh
    . "$ROOT/load-tests/closed-step.sh"
    closed_step
fi
exit "$FAILED"
