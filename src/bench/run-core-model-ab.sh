#!/usr/bin/env bash
# SEA before/after the core connection model, measured in ONE run and alternated (before, after, before,
# after, ...), ROUNDS rounds, so both builds see the same machine load. Each round starts the build's gateway,
# warms it up, and runs the two SEA scenarios of BENCHMARKS.md: 100 clients x 10 unpaced senders, window 32,
# and 1000 clients x 1 sender at 20 msg/s. Loopback only; every run is bounded by the driver's --deadline.
#   BEFORE=/tmp/seamodel-jars/before.jar AFTER=target/switchboard.jar bash src/bench/run-core-model-ab.sh
# The before jar is built from the commit before the change (git worktree add /tmp/sea-base ea90020 &&
# cd /tmp/sea-base && mvn -B -ntp -q -DskipTests package). Each gateway runs in its own checkout (BEFORE_DIR,
# AFTER_DIR), so it reads that checkout's config/application.yml. Env: ROUNDS (3), OUT, TOOLS (the driver's jar).
set -euo pipefail
cd "$(dirname "$0")/../.."
ROUNDS=${ROUNDS:-3}
BEFORE=${BEFORE:?path to the gateway jar before the change}
AFTER=${AFTER:-$PWD/target/switchboard.jar}
BEFORE_DIR=${BEFORE_DIR:-/tmp/sea-base}
AFTER_DIR=${AFTER_DIR:-$PWD}
TOOLS=${TOOLS:-$PWD/target/switchboard-tools.jar}
OUT=${OUT:-$PWD/src/bench/results/core-model}
SEA_PORT=38732; HTTP_PORT=38080; MGMT_PORT=38081; EXAMPLE_PORT=33001
mkdir -p "$OUT"
GW=
stop() { if [[ -n "$GW" ]]; then kill "$GW" 2>/dev/null || true; wait "$GW" 2>/dev/null || true; GW=; fi; }
trap stop EXIT

driver() { java -Xms512m -Xmx2g -XX:+UseParallelGC -jar "$TOOLS" load "$@"; }

start() {
  local jar=$1 dir=$2 name=$3
  (cd "$dir" && exec java -Xms512m -Xmx2g -jar "$jar" --server.port=$MGMT_PORT \
    --switchboard.example.listeners.tcp.port=$EXAMPLE_PORT --switchboard.example.listeners.udp.port=$((EXAMPLE_PORT + 1)) \
    --switchboard.http.listeners.http.port=$HTTP_PORT --switchboard.http.listeners.http-legacy.port=38082 \
    --switchboard.sea.listener.port=$SEA_PORT --switchboard.sea.max-penalty=1000000000s \
    --logging.level.root=WARN) > "$OUT/gateway-$name.log" 2>&1 &
  GW=$!
  for _ in $(seq 1 300); do
    curl -sf -o /dev/null "http://127.0.0.1:$MGMT_PORT/actuator/health/readiness" && return 0
    kill -0 "$GW" 2>/dev/null || { echo "gateway $name exited" >&2; return 1; }
    sleep 0.2
  done
  echo "gateway $name not ready" >&2; return 1
}

record() {
  local file=$1; shift
  { echo "# $(date -u +%FT%TZ) load: $(cut -d' ' -f1-3 /proc/loadavg)"; echo "# command: load $*"; } > "$file"
  driver "$@" >> "$file" 2>&1 || echo "driver exit $? (see $file)" >&2
}

for r in $(seq 1 "$ROUNDS"); do
  for build in before after; do
    jar=$BEFORE; dir=$BEFORE_DIR
    [[ $build == after ]] && { jar=$AFTER; dir=$AFTER_DIR; }
    start "$jar" "$dir" "$build-r$r"
    driver --protocol sea --port $SEA_PORT --connections 100 --senders 10 --window 32 --duration 5s \
      --drain 3s --deadline 60s > /dev/null 2>&1 || true
    record "$OUT/unpaced-w32-c100-$build-r$r.txt" --protocol sea --port $SEA_PORT --connections 100 --senders 10 \
      --window 32 --duration 10s --drain 5s --deadline 90s --pid "$GW"
    driver --protocol sea --port $SEA_PORT --connections 1000 --senders 1 --rate 20 --duration 5s \
      --drain 3s --deadline 60s > /dev/null 2>&1 || true
    record "$OUT/paced-c1000-$build-r$r.txt" --protocol sea --port $SEA_PORT --connections 1000 --senders 1 \
      --rate 20 --duration 20s --drain 5s --deadline 120s --pid "$GW"
    stop
    echo "round $r $build done"
  done
done
