#!/usr/bin/env bash
# Builds the gateway and starts it in dev mode: a Redis and an SMSC simulator of its own, a dev API key
# printed at start, every SMS logged. Needs only Java 17+ and Maven. Extra arguments go to the gateway.
set -euo pipefail
cd "$(dirname "$0")"
mvn -q -B -ntp -DskipTests -pl gateway -am package
exec java -jar gateway/target/gateway-all.jar --dev "$@"
