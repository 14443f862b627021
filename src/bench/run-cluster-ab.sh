#!/usr/bin/env bash
# One node against two nodes on one Redis, alternated in one run (issue: cluster benchmark).
# Per round, three set-ups each run every scenario with fresh processes:
#   local      one gateway on the local engine (no Redis: today's single-node figures)
#   redis-1    one gateway on the redis engine (what the backplane costs a single node)
#   redis-2    two gateways on one Redis, the driver's connections split evenly over them (every
#              delivery from a sender on one node to a client on the other crosses Redis)
# Scenarios (SCENARIOS, default "sea-paced sea-unpaced rooms-paced"):
#   sea-paced     SEA 1000 clients, 1 sender at 20 msg/s: latency p99 (target: two nodes add <= 2 ms)
#   sea-unpaced   SEA 100 clients, 10 unpaced senders, window 32: deliveries/s and CPU per delivery
#   rooms-paced   a room of 1000 members, 1 sender at 20 msg/s: latency p99
# CPU per delivery sums every gateway process and redis-server. On this machine both nodes, Redis and
# the driver share the same 2 cores, so the throughput ratio shows what the cluster costs, not what a
# second node with its own cores would add.
# Usage (repository root, after `mvn -B -ntp -DskipTests package`):
#   ROUNDS=3 WARMUP=15s bash src/bench/run-cluster-ab.sh | tee out.txt
set -euo pipefail
cd "$(dirname "$0")/../.."
ROUNDS=${ROUNDS:-3}
SCENARIOS=${SCENARIOS:-"sea-paced sea-unpaced rooms-paced"}
SETUPS=${SETUPS:-"local redis-1 redis-2"}
# warm-up before each measured run: long enough for the JIT to finish, or CPU figures are inflated
WARMUP=${WARMUP:-15s}
JAR=${JAR:-target/switchboard.jar}
TOOLS=${TOOLS:-target/switchboard-tools.jar}
REDIS_PORT=36379
WORK=$(mktemp -d)
PIDS=()
REDIS_PID=

cleanup() {
  for pid in "${PIDS[@]}" $REDIS_PID; do
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  PIDS=()
  REDIS_PID=
}
trap 'cleanup; rm -rf "$WORK"' EXIT

start_redis() {
  rm -rf "$WORK/redis"; mkdir -p "$WORK/redis"
  redis-server --port $REDIS_PORT --bind 127.0.0.1 --save '' --appendonly no --dir "$WORK/redis" \
    > "$WORK/redis.log" 2>&1 &
  REDIS_PID=$!
  for _ in $(seq 1 100); do
    redis-cli -p $REDIS_PORT ping 2>/dev/null | grep -q PONG && return 0
    sleep 0.1
  done
  echo "redis-server did not start; see $WORK/redis.log" >&2
  return 1
}

# start_node N ENGINE: node 1 on 38xxx ports, node 2 on 48xxx
start_node() {
  local n=$1 engine=$2 base=$(( $1 == 1 ? 38000 : 48000 ))
  local cluster=(--switchboard.cluster.engine="$engine" --switchboard.cluster.node-id="node-$n"
    --switchboard.cluster.data-dir="$WORK/data-$n")
  if [[ $engine == redis ]]; then
    cluster+=(--switchboard.cluster.redis.url="redis://127.0.0.1:$REDIS_PORT")
  fi
  java -Xms512m -Xmx2g -jar "$JAR" --server.port=$((base + 81)) --switchboard.sea.listener.port=$((base + 732)) \
    --switchboard.http.listeners.http.port=$((base + 80)) --switchboard.http.listeners.http-legacy.port=$((base + 21)) \
    --switchboard.example.listeners.tcp.port=$((base - 5000 + 1)) --switchboard.example.listeners.udp.port=$((base - 5000 + 2)) \
    --switchboard.sea.max-penalty=1000000000s "${cluster[@]}" --logging.level.root=WARN > "$WORK/node-$n.log" 2>&1 &
  PIDS+=($!)
}

await_ready() {
  local n=$1 base=$(( $1 == 1 ? 38000 : 48000 ))
  for _ in $(seq 1 300); do
    curl -sf -o /dev/null "http://127.0.0.1:$((base + 81))/actuator/health/readiness" && return 0
    sleep 0.2
  done
  echo "node $n not ready after 60 s; log:" >&2
  tail -20 "$WORK/node-$n.log" >&2
  return 1
}

start_setup() {
  case $1 in
    local) start_node 1 local; await_ready 1 ;;
    redis-1) start_redis; start_node 1 redis; await_ready 1 ;;
    redis-2) start_redis; start_node 1 redis; start_node 2 redis; await_ready 1; await_ready 2 ;;
  esac
}

ports() {
  local offset=$1
  if [[ $SETUP == redis-2 ]]; then echo "$((38000 + offset)),$((48000 + offset))"; else echo "$((38000 + offset))"; fi
}

scenario_args() {
  case $1 in
    sea-paced) echo "--protocol sea --port $(ports 732) --connections 1000 --senders 1 --rate 20" ;;
    sea-unpaced) echo "--protocol sea --port $(ports 732) --connections 100 --senders 10 --window 32" ;;
    rooms-paced) echo "--protocol rooms --port $(ports 80) --path / --connections 1000 --senders 1 --rate 20" ;;
  esac
}

driver() {
  java -Xms512m -Xmx2g -XX:+UseParallelGC -jar "$TOOLS" load "$@"
}

for round in $(seq 1 "$ROUNDS"); do
  for scenario in $SCENARIOS; do
    for SETUP in $SETUPS; do
      start_setup "$SETUP"
      measured=$(IFS=,; echo "${PIDS[*]}${REDIS_PID:+,$REDIS_PID}")
      read -r -a args <<< "$(scenario_args "$scenario")"
      driver "${args[@]}" --duration "$WARMUP" --drain 3s --deadline 120s > /dev/null || true
      echo "== $scenario $SETUP round $round load $(cut -d' ' -f1 /proc/loadavg)"
      driver "${args[@]}" --duration 10s --drain 5s --deadline 120s --pid "$measured" \
        | grep -E "^(target|delivered|lost|deliveries_per_s|latency_us_p50|latency_us_p99|server_cpu_us_per_delivery|driver_cpu_share_of_cores|error)=" \
        || echo "driver failed"
      cleanup
    done
  done
done
