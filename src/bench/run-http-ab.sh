#!/usr/bin/env bash
# HTTP GET of a 1 KiB file: the gateway and nginx measured in ONE run, alternated
# (gateway, nginx, gateway, nginx, ...), ROUNDS rounds per connection count, so both see the same
# machine load. Needs nginx (Debian nginx-light) and wrk; loopback only; bounded by ROUNDS x DURATION.
#   bash src/bench/run-http-ab.sh            # after: mvn -B -ntp -DskipTests package
# Env: ROUNDS (3), DURATION (8s), WARMUP (2s, per connection count and server), CONNECTIONS ("10 100 1000"), OUT (src/bench/results/http-ab),
#      JAR (target/switchboard.jar: a jar built from another commit, for a before/after pair; run this script
#      from a checkout of that commit too, as the gateway reads ./config/application.yml and refuses keys it lacks)
# Ends with the per-connection-count medians (min-max) and the per-round gateway/nginx ratio; each run also
# records the server's CPU per request (utime+stime of the gateway, or of nginx's master and workers).
set -euo pipefail
cd "$(dirname "$0")/../.."
ROUNDS=${ROUNDS:-3}; DURATION=${DURATION:-8s}; WARMUP=${WARMUP:-2s}; CONNECTIONS=${CONNECTIONS:-"10 100 1000"}
OUT=${OUT:-src/bench/results/http-ab}; WWW=/tmp/bench-www; GW_PORT=18080; NGINX_PORT=18090
JAR=${JAR:-target/switchboard.jar}
mkdir -p "$OUT" "$WWW" /tmp/bench-nginx
# utime + stime of the given processes, in clock ticks (server CPU per request = ticks / CLK_TCK / requests)
cpu_ticks() { local sum=0 pid; for pid in "$@"; do sum=$(( sum + $(awk '{print $14 + $15}' "/proc/$pid/stat") )); done; echo "$sum"; }
printf '<!doctype html><title>switchboard</title><p>%s</p>\n' "$(printf 'hello switchboard %.0s' $(seq 1 56))" > "$WWW/index.html"

java -jar "$JAR" --switchboard.http.root="$WWW" --switchboard.http.listeners.http.port=$GW_PORT \
  --switchboard.http.listeners.http-legacy.port=18021 --switchboard.sea.listener.port=18732 \
  --switchboard.example.listeners.tcp.port=18001 --switchboard.example.listeners.udp.port=18002 \
  --server.port=18081 > "$OUT/gateway.log" 2>&1 &
GW=$!
nginx -p /tmp/bench-nginx -c "$PWD/src/bench/nginx.conf"
# On exit: stop both and wait for the gateway's graceful shutdown, so a following run finds its ports free.
trap 'kill $GW 2>/dev/null || true; nginx -p /tmp/bench-nginx -c "$PWD/src/bench/nginx.conf" -s stop 2>/dev/null || true
      for _ in $(seq 1 30); do kill -0 $GW 2>/dev/null || break; sleep 1; done' EXIT
for _ in $(seq 1 60); do
  curl -sf "http://127.0.0.1:$GW_PORT/index.html" >/dev/null && break
  kill -0 "$GW" 2>/dev/null || { echo "the gateway did not start: see $OUT/gateway.log" >&2; exit 1; }
  sleep 1
done
# The JVM listening on the gateway port (not a wrapper shell), for CPU accounting and the final kill.
GW=$(ss -ltnpH "sport = :$GW_PORT" | grep -o 'pid=[0-9]*' | head -1 | cut -d= -f2)

{ echo "# jar: $JAR ($(unzip -p "$JAR" META-INF/MANIFEST.MF 2>/dev/null | grep -i '^Implementation-Version' | tr -d '\r'))"
  echo "# start $(date -u +%FT%TZ), load average: $(cut -d' ' -f1-3 /proc/loadavg)"; } | tee "$OUT/summary.txt"
for c in $CONNECTIONS; do
  wrk -t1 -c"$c" -d"$WARMUP" "http://127.0.0.1:$GW_PORT/index.html" >/dev/null      # warm-up, not recorded
  wrk -t1 -c"$c" -d"$WARMUP" "http://127.0.0.1:$NGINX_PORT/index.html" >/dev/null
  for r in $(seq 1 "$ROUNDS"); do
    for server in gateway nginx; do
      port=$GW_PORT; [ "$server" = nginx ] && port=$NGINX_PORT
      pids=$GW; [ "$server" = nginx ] && pids="$(cat /tmp/bench-nginx/nginx.pid) $(pgrep -P "$(cat /tmp/bench-nginx/nginx.pid)" | tr '\n' ' ')"
      before=$(cpu_ticks $pids)
      rps=$(wrk -t1 -c"$c" -d"$DURATION" "http://127.0.0.1:$port/index.html" | tee "$OUT/$server-c$c-r$r.txt" \
            | awk '/Requests\/sec/ {print $2}')
      ticks=$(( $(cpu_ticks $pids) - before ))
      requests=$(awk '/requests in/ {print $1}' "$OUT/$server-c$c-r$r.txt")
      echo "c=$c round=$r $server cpu $(awk -v t="$ticks" -v n="$requests" -v hz="$(getconf CLK_TCK)" \
            'BEGIN {printf "%.1f", t / hz * 1e6 / n}') us/request"
      echo "c=$c round=$r $server $rps req/s"
    done
  done
done | tee -a "$OUT/summary.txt"
echo "# end $(date -u +%FT%TZ), load average: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$OUT/summary.txt"
awk '/ req\/s$/ { split($1, ca, "="); split($2, ra, "="); v[ca[2], $3, ra[2]] = $4; cs[ca[2]] = 1; rs[ra[2]] = 1 }
  function med(a, n,   i, j, t) { for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (a[j] < a[i]) { t = a[i]; a[i] = a[j]; a[j] = t }
    return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2 }
  END { for (c in cs) { n = 0; for (r in rs) { n++; g[n] = v[c, "gateway", r]; x[n] = v[c, "nginx", r]; q[n] = g[n] / x[n] }
      mg = med(g, n); mx = med(x, n); mq = med(q, n)
      printf "c=%s gateway %.0f (%.0f-%.0f) nginx %.0f (%.0f-%.0f) ratio %.2f (%.2f-%.2f)\n", c, mg, g[1], g[n], mx, x[1], x[n], mq, q[1], q[n] } }' \
  "$OUT/summary.txt" | sort -t= -k2 -n | tee -a "$OUT/summary.txt"
awk '/ us\/request$/ { split($1, ca, "="); k = ca[2] " " $3; n[k]++; u[k, n[k]] = $5 }
  END { for (k in n) { m = n[k]; for (i = 1; i <= m; i++) for (j = i + 1; j <= m; j++) if (u[k, j] < u[k, i]) { t = u[k, i]; u[k, i] = u[k, j]; u[k, j] = t }
      printf "c=%s cpu us/request %.1f (%.1f-%.1f)\n", k, m % 2 ? u[k, (m + 1) / 2] : (u[k, m / 2] + u[k, m / 2 + 1]) / 2, u[k, 1], u[k, m] } }' \
  "$OUT/summary.txt" | sort -t= -k2 -n | tee -a "$OUT/summary.txt"
