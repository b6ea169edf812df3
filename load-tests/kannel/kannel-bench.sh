#!/usr/bin/env bash
# Kannel 1.4.5 (bearerbox + smsbox, Debian package kannel) under the closed-loop load of load-tests/bench.sh's closed
# step: the same SMSC simulator (answers at once, receipts at once), one SMPP transceiver with window 100, sendsms on
# loopback driven by the same generator (64 keep-alive connections, CLOSED_N distinct numbers, one GSM-7 segment);
# "kannel" without receipts, "kannel-dlr" with dlr-mask=3 and a dlr-url callback per receipt, served by the generator.
# Same columns as the gateway's rows: e2e msgs/s at the SMSC, p50/p99, CPU us per message of bearerbox + smsbox.
# Optional, never in CI. Everything started is stopped on exit. Settings: those of bench.sh's closed step
# (CLOSED_N, CLOSED_REPS, CLOSED_CONNECTIONS, ...), KANNEL_BIN (/usr/sbin), KANNEL_WINDOW (100).
#   load-tests/kannel/kannel-bench.sh                  # Kannel alone, both modes, 3 rounds
#   load-tests/kannel/compare.sh                       # the gateway and Kannel side by side, one table
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
if [ ! -x "${KANNEL_BIN:-/usr/sbin}/bearerbox" ]; then
    echo "kannel-bench: Kannel is not installed (apt-get install -y kannel; or set KANNEL_BIN)" >&2
    exit 2
fi
SCENARIOS=closed CLOSED_SYSTEMS=${CLOSED_SYSTEMS:-"kannel kannel-dlr"} exec "$here/../bench.sh"
