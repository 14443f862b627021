#!/usr/bin/env bash
# A/B of two gateway jars on SEA 100 clients x 10 unpaced senders, window 32: alternated A, B, A, B, ...
# ROUNDS rounds (default 3), each a fresh gateway, a 5 s warm-up, then a 10 s measured run.
# Usage (from the repository root, after `mvn -B -ntp -DskipTests package` for the driver):
#   JAR_A=/tmp/a.jar JAR_B=/tmp/b.jar bash src/bench/run-sea-unpaced-ab.sh | tee out.txt
set -euo pipefail
cd "$(dirname "$0")/../.."
: "${JAR_A:?set JAR_A}" "${JAR_B:?set JAR_B}"
ROUNDS=${ROUNDS:-3}
TOOLS=target/switchboard-tools.jar
DATA=$(mktemp -d)
trap 'rm -rf "$DATA"' EXIT
driver() {
  java -Xms512m -Xmx2g -XX:+UseParallelGC -jar "$TOOLS" load --protocol sea --port 38732 --connections 100 \
    --senders 10 --window 32 "$@"
}
for round in $(seq 1 "$ROUNDS"); do
  for v in A B; do
    jar=JAR_$v
    java -Xms512m -Xmx2g -jar "${!jar}" --server.port=38081 --switchboard.sea.listener.port=38732 \
      --switchboard.http.listeners.http.port=38080 --switchboard.http.listeners.http-legacy.port=38021 \
      --switchboard.example.listeners.tcp.port=33001 --switchboard.example.listeners.udp.port=33002 \
      --switchboard.sea.max-penalty=1000000000s --switchboard.cluster.data-dir="$DATA" \
      --logging.level.root=WARN > "$DATA/gateway-$v.log" 2>&1 &
    pid=$!
    for _ in $(seq 1 120); do
      curl -sf -o /dev/null http://127.0.0.1:38081/actuator/health/readiness && break
      sleep 0.5
    done
    driver --duration 5s --drain 3s --deadline 60s --pid "$pid" > /dev/null
    echo "== $(tr 'AB' 'ab' <<< "$v") round $round load $(cut -d' ' -f1 /proc/loadavg)"
    driver --duration 10s --drain 5s --deadline 90s --pid "$pid" \
      | grep -E "^(delivered|lost|deliveries_per_s|latency_us_p99|server_cpu_us_per_delivery)="
    kill "$pid"; wait "$pid" 2>/dev/null || true
  done
done
