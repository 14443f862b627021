#!/usr/bin/env bash
# Profile of the room-of-1000 scenario: JFR (settings=profile) and per-thread CPU over a 10 s run after a 30 s
# warm-up, then the event-loop top frames. Usage (repository root): JAR=target/switchboard.jar bash src/bench/profile-rooms.sh
set -uo pipefail
cd "$(dirname "$0")/../.."
JAR=${JAR:-target/switchboard.jar}
mkdir -p /tmp/perf-jfr
D=$(mktemp -d)
java -Xms512m -Xmx2g -XX:StartFlightRecording=filename=/tmp/perf-jfr/rooms.jfr,settings=profile -jar "$JAR" \
  --server.port=48081 --switchboard.http.listeners.http.port=48080 --switchboard.http.listeners.http-legacy.port=48021 \
  --switchboard.sea.listener.port=48732 --switchboard.example.listeners.tcp.port=43001 \
  --switchboard.example.listeners.udp.port=43002 --switchboard.cluster.data-dir=$D --logging.level.root=WARN > /tmp/perf-jfr/rooms-gw.log 2>&1 &
PID=$!
for i in $(seq 1 240); do curl -sf -o /dev/null http://127.0.0.1:48081/actuator/health/readiness && break; sleep 0.5; done
L="java -Xms512m -Xmx2g -XX:+UseParallelGC -jar target/switchboard-tools.jar load --protocol rooms --port 48080 --path / --connections 1000 --senders 8 --window 16"
$L --duration 30s > /dev/null
bash src/bench/thread-cpu.sh $PID > /tmp/perf-jfr/rooms-t0
$L --duration 10s --drain 5s --deadline 120s --pid $PID | grep -E '^(deliveries_per_s|server_cpu_us_per_delivery|latency_us_p99|lost)='
bash src/bench/thread-cpu.sh $PID > /tmp/perf-jfr/rooms-t1
bash src/bench/thread-cpu.sh diff /tmp/perf-jfr/rooms-t0 /tmp/perf-jfr/rooms-t1 | head -12
jcmd $PID JFR.dump filename=/tmp/perf-jfr/rooms.jfr > /dev/null
kill $PID; wait $PID 2>/dev/null
bash src/bench/jfr-loop-top.sh /tmp/perf-jfr/rooms.jfr 30
