# Kannel 1.4.5 (Debian package kannel) for the closed-loop comparison: sourced by load-tests/closed-step.sh, which
# gives it bench.sh's log and free_port. Optional and never in CI: kannel_start fails with a message when Kannel is
# not installed (apt-get install -y kannel).
#
# kannel_start writes a kannel.conf into its directory: bearerbox (admin and box ports on loopback, file store, log
# level 2, DLRs in memory) with one SMPP transceiver to the SMSC simulator (same account as the gateway, window
# KANNEL_WINDOW = max-pending-submits, default 100, no throughput cap), and smsbox with sendsms on 127.0.0.1 and one
# sendsms-user; starts both as child processes (console log level 2 as well: Kannel's console default is debug),
# waits until the SMSC is online and sendsms answers; kannel_stop stops them (TERM, then KILL after 10 s).
# Sets KANNEL_URL (sendsms' base), KANNEL_SENDSMS (the path with {to} for the generator; the same one-segment
# GSM-7 scam warning the gateway's notices send, unaccented), KANNEL_BB_PID and KANNEL_SB_PID.

KANNEL_BIN=${KANNEL_BIN:-/usr/sbin}
KANNEL_WINDOW=${KANNEL_WINDOW:-100}
KANNEL_BB_PID=""
KANNEL_SB_PID=""
KANNEL_READY_S=30
# The text of the gateway's SCAM_WARNING template (vi), unaccented as the bench's notices ask: 133 GSM-7 characters.
KANNEL_TEXT="VNeID%3A+Canh+giac+lua+dao%21+Cong+an+khong+goi+dien+doi+ma+OTP%2C+mat+khau+hay+bat+cai+ung+dung+la.+Chi+tai+VNeID+tu+App+Store%2C+Google+Play."

# kannel_start SMSC_HOST SMSC_PORT DIR
kannel_start() {
    local host=$1 port=$2 dir=$3 admin box sendsms password deadline
    if [ ! -x "$KANNEL_BIN/bearerbox" ] || [ ! -x "$KANNEL_BIN/smsbox" ]; then
        log "Kannel is not installed ($KANNEL_BIN/bearerbox, $KANNEL_BIN/smsbox): apt-get install -y kannel, or set KANNEL_BIN"
        return 1
    fi
    mkdir -p "$dir"
    admin=$(free_port) && box=$(free_port) && sendsms=$(free_port) || { log "no free port for Kannel"; return 1; }
    password=$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')
    cat >"$dir/kannel.conf" <<CONF
group = core
admin-port = $admin
admin-password = $password
status-password = $password
admin-deny-ip = "*.*.*.*"
admin-allow-ip = "127.0.0.1"
smsbox-port = $box
box-deny-ip = "*.*.*.*"
box-allow-ip = "127.0.0.1"
log-file = "$dir/bearerbox.log"
log-level = 2
store-type = file
store-location = "$dir/kannel.store"
dlr-storage = internal

group = smsc
smsc = smpp
smsc-id = sim
host = $host
port = $port
transceiver-mode = true
smsc-username = vneid
smsc-password = secret
system-type = ""
source-addr-ton = 5
source-addr-npi = 0
dest-addr-ton = 1
dest-addr-npi = 1
max-pending-submits = $KANNEL_WINDOW
enquire-link-interval = 30
reconnect-delay = 1
log-level = 2

group = smsbox
bearerbox-host = 127.0.0.1
bearerbox-port = $box
sendsms-port = $sendsms
sendsms-interface = 127.0.0.1
global-sender = VNeID
log-file = "$dir/smsbox.log"
log-level = 2

group = sendsms-user
username = bench
password = bench
max-messages = 1
concatenation = false
CONF
    log "starting Kannel: bearerbox (admin 127.0.0.1:$admin) and smsbox (sendsms 127.0.0.1:$sendsms), SMPP to $host:$port, window $KANNEL_WINDOW; logs in $dir"
    "$KANNEL_BIN/bearerbox" -v 2 "$dir/kannel.conf" >"$dir/bearerbox.out" 2>&1 &
    KANNEL_BB_PID=$!
    deadline=$((SECONDS + KANNEL_READY_S))
    until curl -fsS --max-time 2 "http://127.0.0.1:$admin/status.txt?password=$password" 2>/dev/null | grep -q '(online'; do
        kill -0 "$KANNEL_BB_PID" 2>/dev/null || { log "bearerbox exited:"; tail -20 "$dir/bearerbox.out" >&2; return 1; }
        [ "$SECONDS" -lt "$deadline" ] || { log "bearerbox's SMSC not online after ${KANNEL_READY_S} s"; tail -20 "$dir/bearerbox.out" >&2; return 1; }
        sleep 0.2
    done
    "$KANNEL_BIN/smsbox" -v 2 "$dir/kannel.conf" >"$dir/smsbox.out" 2>&1 &
    KANNEL_SB_PID=$!
    # sendsms answers once smsbox is up (a request without parameters is refused, which is enough).
    until [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "http://127.0.0.1:$sendsms/cgi-bin/sendsms" 2>/dev/null)" != 000 ]; do
        kill -0 "$KANNEL_SB_PID" 2>/dev/null || { log "smsbox exited:"; tail -20 "$dir/smsbox.out" >&2; return 1; }
        [ "$SECONDS" -lt "$deadline" ] || { log "smsbox not answering after ${KANNEL_READY_S} s"; tail -20 "$dir/smsbox.out" >&2; return 1; }
        sleep 0.2
    done
    KANNEL_URL="http://127.0.0.1:$sendsms"
    KANNEL_SENDSMS="/cgi-bin/sendsms?username=bench&password=bench&from=VNeID&to={to}&text=$KANNEL_TEXT"
}

kannel_stop() {
    local pid
    for pid in "$KANNEL_SB_PID" "$KANNEL_BB_PID"; do
        [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || continue
        log "stopping Kannel (pid $pid)"
        kill -TERM "$pid" 2>/dev/null || true
        for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
        kill -KILL "$pid" 2>/dev/null || true
    done
    KANNEL_SB_PID=""; KANNEL_BB_PID=""
}
