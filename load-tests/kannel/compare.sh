#!/usr/bin/env bash
# The gateway and Kannel side by side under one closed-loop load (issue 10): gateway notices (POST /v1/messages,
# TRANSACTIONAL, receipts recorded), gateway OTP issue (POST /v1/otp, receipts recorded), Kannel sendsms without
# receipts, Kannel with dlr-mask=3 and a callback per receipt; CLOSED_REPS rounds (REPS=3 by default) with the
# systems interleaved in each, one table and the median per system. The gateway and Kannel run at the same time,
# against one simulator (each bound with its own transceiver; receipts go back to the session that submitted), each
# idle while the other is measured. About 5 minutes on 2 cores. Optional, never in CI; see kannel-bench.sh.
#   load-tests/kannel/compare.sh
#   REPS=5 CLOSED_N=100000 load-tests/kannel/compare.sh
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
if [ ! -x "${KANNEL_BIN:-/usr/sbin}/bearerbox" ]; then
    echo "compare: Kannel is not installed (apt-get install -y kannel; or set KANNEL_BIN)" >&2
    exit 2
fi
SCENARIOS=closed CLOSED_SYSTEMS=${CLOSED_SYSTEMS:-"notices otp kannel kannel-dlr"} exec "$here/../bench.sh"
