#!/usr/bin/env python3
"""Idle SEA connection flood (no login), loopback only, bounded in time.

Opens --connections TCP connections to the SEA port from the source addresses
127.0.0.<first-source> .. 127.0.0.<first-source + sources - 1>, holds them for --hold seconds
while polling --health (if given) once a second, then closes everything and prints one JSON line:
connections that were refused or reset, closed by the server, still open at the end, and the
health polls (status, seconds). The process needs --connections + ~50 descriptors (ulimit -n);
run two processes to go beyond one process's limit.

  python3 sea_flood.py --port 18732 --connections 11250 --first-source 10 --sources 20 \
      --hold 30 --health http://127.0.0.1:18081/actuator/health
"""
import argparse
import errno
import json
import selectors
import socket
import threading
import time
import urllib.request


def loopback(host):
    if not host.startswith("127."):
        raise SystemExit("loopback only: " + host)
    return host


def poll_health(url, stop, polls):
    while not stop.is_set():
        started = time.monotonic()
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                status = response.status
                body = response.read(200).decode("ascii", "replace")
        except urllib.error.HTTPError as e:        # 503 DOWN still answers
            status, body = e.code, e.read(200).decode("ascii", "replace")
        except Exception as e:                     # timeout, refused: the failure being measured
            status, body = None, type(e).__name__
        polls.append({"t": round(started - T0, 1), "status": status,
                      "seconds": round(time.monotonic() - started, 3), "body": body[:40]})
        stop.wait(max(0.0, 1.0 - (time.monotonic() - started)))


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--host", default="127.0.0.1", type=loopback)
    p.add_argument("--port", type=int, default=18732)
    p.add_argument("--connections", type=int, default=11250)
    p.add_argument("--first-source", type=int, default=10, help="last octet of the first 127.0.0.x source")
    p.add_argument("--sources", type=int, default=20)
    p.add_argument("--hold", type=float, default=30.0, help="seconds to hold the connections (max 300)")
    p.add_argument("--health", help="URL polled once a second while holding, e.g. .../actuator/health")
    a = p.parse_args()
    hold = min(a.hold, 300.0)
    if a.health:
        loopback(a.health.split("//", 1)[1])

    sel = selectors.DefaultSelector()
    socks, failed = [], 0
    stop, polls = threading.Event(), []
    poller = threading.Thread(target=poll_health, args=(a.health, stop, polls), daemon=True) if a.health else None
    if poller:
        poller.start()
    opened_at = time.monotonic()
    for i in range(a.connections):
        s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        s.setblocking(False)
        try:
            s.bind(("127.0.0." + str(a.first_source + i % a.sources), 0))
            rc = s.connect_ex((a.host, a.port))
        except OSError:
            s.close()
            failed += 1
            continue
        if rc not in (0, errno.EINPROGRESS):
            s.close()
            failed += 1
            continue
        socks.append(s)
        sel.register(s, selectors.EVENT_READ)
        if i % 500 == 499:                          # let the accept queue drain between bursts
            time.sleep(0.05)
    connect_seconds = time.monotonic() - opened_at

    closed_by_server, reset = 0, 0
    deadline = time.monotonic() + hold
    while time.monotonic() < deadline:
        for key, _ in sel.select(timeout=0.5):
            s = key.fileobj
            try:
                data = s.recv(64)
            except BlockingIOError:
                continue
            except OSError:
                data = None
            sel.unregister(s)
            if data == b"":
                closed_by_server += 1
            elif data is None:
                reset += 1
            # a SEA server never speaks first (spec 2.1): any data would be a defect; count it as closed
            else:
                closed_by_server += 1
            s.close()
    still_open = len(sel.get_map())
    for s in socks:
        s.close()
    stop.set()
    if poller:
        poller.join(10)
    answered = [x for x in polls if x["status"] is not None]
    print(json.dumps({
        "connections": a.connections, "connect_failed": failed, "connect_seconds": round(connect_seconds, 1),
        "closed_by_server": closed_by_server, "reset": reset, "still_open_at_end": still_open,
        "health_polls": len(polls), "health_answered": len(answered),
        "health_max_seconds": max((x["seconds"] for x in answered), default=None),
        "health_statuses": sorted({str(x["status"]) for x in polls}),
        "health_failures": [x for x in polls if x["status"] is None][:5]}))


T0 = time.monotonic()
if __name__ == "__main__":
    main()
