# The closed step of load-tests/bench.sh (SCENARIOS=closed), sourced by it: it uses bench.sh's settings and
# functions (start_stack, start_gateway, stop_all, field, log, free_port). A Kannel-shaped load: CLOSED_N requests
# to distinct numbers over CLOSED_CONNECTIONS keep-alive connections, each connection sending its next request when
# the previous answer arrives; the simulator answers at once and sends receipts at once; one bind, window
# CLOSED_WINDOW. Each run is done when every accepted message is at the SMSC and its receipt recorded (the
# gateway's sms_receipts_total) or called back (Kannel with dlr-mask=3), so the CPU window includes receipt
# recording. Systems (CLOSED_SYSTEMS): notices (POST /v1/messages, TRANSACTIONAL template), otp (POST /v1/otp),
# kannel (Kannel's sendsms, no receipts), kannel-dlr (sendsms with dlr-mask=3 and a dlr-url callback per receipt);
# CLOSED_REPS rounds, the systems interleaved within each round.

declare -a CLOSED_ROWS=()
LAST_CLOSED=""

closed_needs() { [[ " $CLOSED_SYSTEMS " == *" $1 "* ]]; }

# closed_gen NAME SCENARIO URL [generator options...]: one closed-loop run; its CLOSED line in LAST_CLOSED.
closed_gen() {
    local name=$1 scenario=$2 url=$3 status; shift 3
    local out="$WORK/closed-$name.out"
    set +e
    java ${LOAD_JAVA_OPTS:-} -cp "$CP" vn.vneid.load.LoadGenerator --scenario "$scenario" --url "$url" --key "$API_KEY" \
        --sim-url "$SIM_URL" --connections "$CLOSED_CONNECTIONS" --id-offset "$ID_OFFSET" \
        --clock-ticks "$(getconf CLK_TCK)" "$@" >"$out" 2>&1
    status=$?
    set -e
    cat "$out"
    LAST_CLOSED=$(grep '^CLOSED ' "$out" || true)
    if [ -n "$LAST_CLOSED" ]; then ID_OFFSET=$(field "$LAST_CLOSED" next_id_offset); fi
    return "$status"
}

# closed_args SYSTEM: the generator's scenario, target and options for SYSTEM, in CLOSED_ARGS.
closed_args() {
    case $1 in
        notices) CLOSED_ARGS=(closed-notices "http://127.0.0.1:$PORT" --cpu "gateway=$GW_PID,redis=$REDIS_PID") ;;
        otp) CLOSED_ARGS=(closed-otp "http://127.0.0.1:$PORT" --cpu "gateway=$GW_PID,redis=$REDIS_PID") ;;
        kannel) CLOSED_ARGS=(closed-get "$KANNEL_URL" --get-path "$KANNEL_SENDSMS" --receipts none
                             --cpu "bearerbox=$KANNEL_BB_PID,smsbox=$KANNEL_SB_PID") ;;
        kannel-dlr) CLOSED_ARGS=(closed-get "$KANNEL_URL" --get-path "$KANNEL_SENDSMS" --receipts callback
                                 --cpu "bearerbox=$KANNEL_BB_PID,smsbox=$KANNEL_SB_PID") ;;
        *) log "unknown closed system $1 (notices, otp, kannel, kannel-dlr)"; exit 2 ;;
    esac
}

# closed_run SYSTEM ROUND [LABEL]: one measured run; appends a row (named SYSTEM@LABEL when a label is given).
closed_run() {
    local system=$1 round=$2 name=$1${3:+@$3} lines_before=0 lines=-
    echo; echo "=== closed: $name, round $round of $CLOSED_REPS, $CLOSED_N requests over $CLOSED_CONNECTIONS connections ==="
    closed_args "$system"
    if is_gateway "$system"; then lines_before=$(wc -l <"$GW_LOG"); fi
    closed_gen "$name-$round" "${CLOSED_ARGS[@]}" --requests "$CLOSED_N" \
        --json "$RESULTS_DIR/closed-$name-$round.json" || FAILED=1
    local c=$LAST_CLOSED
    if [ -z "$c" ]; then
        CLOSED_ROWS+=("$name $round - - - - - - - - - - failed"); FAILED=1
    else
        # CPU per process, the generator's own apart: "gateway=180+redis=45".
        local parts; parts=$(tr ' ' '\n' <<<"$c" | sed -n 's/^cpu_\([a-z0-9_]*\)_us=\(.*\)$/\1=\2/p' \
            | grep -v '^generator=' | awk -F= '{printf "%s%s=%.0f", (NR > 1 ? "+" : ""), $1, $2}')
        local redelivered; redelivered=$(field "$c" receipt_redeliveries)
        # Log lines the gateway wrote per message during the run (the generator's CLOSED line ends the run).
        if is_gateway "$system"; then
            lines=$(awk -v b="$lines_before" -v a="$(wc -l <"$GW_LOG")" -v n="$(field "$c" at_smsc)" \
                'BEGIN {if (n > 0) printf "%.2f", (a - b) / n; else print "-"}')
        fi
        CLOSED_ROWS+=("$name $round $(field "$c" accepted) $(field "$c" at_smsc) $(field "$c" per_second)"\
" $(field "$c" p50) $(field "$c" p99) $(field "$c" cpu_us) $parts $(field "$c" cpu_generator_us) $lines"\
" ${redelivered:--} $(field "$c" complete)")
    fi
    if is_gateway "$system" && ! kill -0 "$GW_PID" 2>/dev/null; then log "the gateway died; see $GW_LOG"; FAILED=1; exit 1; fi
    sleep "$PAUSE"
}

is_gateway() { [ "$1" = notices ] || [ "$1" = otp ]; }

closed_table() {
    echo
    machine
    echo "closed loop (Kannel-shaped): $CLOSED_N requests per run to distinct numbers, $CLOSED_CONNECTIONS keep-alive connections,"
    echo "one GSM-7 segment; simulator answers at once, receipts at once; one bind, window $CLOSED_WINDOW (gateway tps cap $CLOSED_TPS);"
    echo "e2e/s = messages at the SMSC / (last submit_sm - first request); p50/p99 = client latency, send -> answer, ms;"
    echo "cpu us/msg = CPU of the system's processes (/proc utime+stime) from the first request until every message is at the SMSC"
    echo "and, for notices/otp/kannel-dlr, every receipt recorded / called back (kannel: receipts not waited for), per message;"
    echo "gateway JVM $GW_JAVA_OPTS; rounds interleaved; gen us = the load generator's own CPU (not counted);"
    echo "log/msg = lines the gateway logged per message during the run; redeliv = receipts (deliver_sm) the simulator sent again"
    echo "because the system did not answer them in time"
    printf '%-14s | %5s | %8s | %8s | %9s | %7s | %7s | %9s | %-26s | %6s | %7s | %7s | %s\n' \
        system round accepted 'at smsc' 'e2e/s' p50 p99 'cpu us' 'cpu us by process' 'gen us' 'log/msg' redeliv complete
    printf '%s\n' "---------------+-------+----------+----------+-----------+---------+---------+-----------+----------------------------+--------+---------+---------+---------"
    local row
    for row in "${CLOSED_ROWS[@]}"; do
        # shellcheck disable=SC2086
        printf '%-14s | %5s | %8s | %8s | %9s | %7s | %7s | %9s | %-26s | %6s | %7s | %7s | %s\n' $row
    done
    echo
    echo "median of the rounds (min - max):"
    local system
    for system in $(printf '%s\n' "${CLOSED_ROWS[@]}" | awk '!seen[$1]++ {print $1}'); do
        printf '%s\n' "${CLOSED_ROWS[@]}" | awk -v s="$system" '
            function med(a, n,   i, j, t) { for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (a[j] < a[i]) { t = a[i]; a[i] = a[j]; a[j] = t }
                                            return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2 }
            $1 == s && $5 != "-" { n++; r[n] = $5; c[n] = $8; if (n == 1 || $5 < rmin) rmin = $5; if ($5 > rmax) rmax = $5
                                   if (n == 1 || $8 < cmin) cmin = $8; if ($8 > cmax) cmax = $8 }
            END { if (n) printf "  %-14s e2e %7.0f msgs/s (%.0f - %.0f), cpu %5.0f us/msg (%.0f - %.0f), %d rounds\n", s, med(r, n), rmin, rmax, med(c, n), cmin, cmax, n }'
    done
    echo "results (JSON, one per run): $RESULTS_DIR; gateway log: ${GW_LOG}"
}

# closed_config [LOG_LEVEL]: the closed step's gateway configuration. The generator issues codes nobody verifies (the
# SMS-pumping guard would hold them), and a closed loop of 64 connections is bounded by construction: admission
# control is given a fixed limit of 200 in flight, above it, because the adaptive one (gradient2), on a loaded 2-core
# machine, shed 60-70 % of the loop's requests as 503 overloaded, and the loop then measured 503s, not messages.
closed_config() {
    printf 'otp:\n  pumpingGuard: {enabled: false}\nadmission: {algorithm: fixed, initialLimit: 200}\n'
    if [ -n "${1:-}" ]; then printf 'logging: {level: %s}\n' "$1"; fi
}

# closed_gateway [LABEL=CONFIG]: (re)starts the gateway with that configuration file (none: the bench's) and warms
# it with one unmeasured closed run of CLOSED_WARM requests of each gateway system.
closed_gateway() {
    local entry=${1:-} system
    stop_gateway
    if [ -n "$entry" ]; then
        CONFIG=${entry#*=}
    elif [ -n "${CLOSED_CONFIG:-}" ]; then
        CONFIG=$CLOSED_CONFIG
    else
        CONFIG="$WORK/closed.yaml"
        closed_config >"$CONFIG"
    fi
    GW_LOG="$WORK/gateway${entry:+-${entry%%=*}}.log"
    PORT=$(free_port) || { log "no free port found"; exit 2; }
    start_gateway "$PORT" "$CLOSED_WINDOW" "$CLOSED_TPS"
    for system in notices otp; do
        closed_needs "$system" || continue
        echo; echo "=== closed: warming the gateway${entry:+ (${entry%%=*})} up with $CLOSED_WARM $system (not measured) ==="
        closed_args "$system"
        closed_gen "warm-$system" "${CLOSED_ARGS[@]}" --requests "$CLOSED_WARM" >/dev/null \
            || log "the warm-up run reported errors; see $WORK/closed-warm-$system.out"
    done
}

closed_step() {
    local round system entry gateway=0
    stop_all
    log "closed step: a fresh stack whose simulator sends receipts at once"
    start_stack 0ms
    if closed_needs notices || closed_needs otp; then gateway=1; fi
    if closed_needs kannel || closed_needs kannel-dlr; then
        # shellcheck source=kannel/kannel.sh
        . "$ROOT/load-tests/kannel/kannel.sh"
        kannel_start "${SMPP%:*}" "${SMPP##*:}" "$WORK/kannel" || { log "Kannel did not start"; exit 2; }
    fi
    if [ "$gateway" = 1 ] && [ -z "${CLOSED_CONFIGS:-}" ]; then closed_gateway; fi
    for round in $(seq "$CLOSED_REPS"); do
        if [ "$gateway" = 1 ] && [ -n "${CLOSED_CONFIGS:-}" ]; then
            for entry in $CLOSED_CONFIGS; do
                closed_gateway "$entry"
                for system in $CLOSED_SYSTEMS; do
                    if is_gateway "$system"; then closed_run "$system" "$round" "${entry%%=*}"; fi
                done
            done
        fi
        for system in $CLOSED_SYSTEMS; do
            if [ -n "${CLOSED_CONFIGS:-}" ] && is_gateway "$system"; then continue; fi
            closed_run "$system" "$round"
        done
    done
    closed_table
}
