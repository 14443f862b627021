#!/usr/bin/env python3
"""Maximal partial SEA frames versus an ordinary user, loopback only, bounded in time.

--attackers v102 users (LOGIN, then SET_USERINFO with version 102, sea-protocol.md 5.2 and 5.5) each
start a frame of the largest length, L = 16,777,215 (command 2, SEND_MESSAGE), send all of it but the
last --short bytes and hold it. Source addresses rotate over 127.0.0.<first-source> .. + sources - 1.
Once every attacker has sent its bytes, or stalled because the server stopped reading, or was closed,
a fresh user logs in from 127.0.0.1 and sends a group message (dst 0) to which the server answers with
its own copy (9.1). The time from connect to USERLIST and from connect to the echoed MESSAGE is printed
for --probes fresh users, with how many attackers the server closed, as one JSON line.

  python3 sea_max_frames.py --port 18732 --attackers 40
"""
import argparse
import json
import socket
import struct
import threading
import time
import urllib.error
import urllib.request

MAX_L = 0xFFFFFF


def frame(cmd, body):
    n = 1 + len(body)
    return bytes([(n >> 16) & 0xFF, (n >> 8) & 0xFF, n & 0xFF, cmd]) + body


def login(name):
    n = name.encode("ascii")
    return frame(1, bytes([len(n)]) + n + b"\x02pc")


class Reader:
    """Parses the server messages a version-0 user can receive (USERLIST, ADDUSER, DELETEUSER, MESSAGE, PONG)."""

    def __init__(self, sock):
        self.sock, self.buf = sock, b""

    def need(self, n):
        while len(self.buf) < n:
            chunk = self.sock.recv(65536)
            if not chunk:
                raise EOFError("server closed")
            self.buf += chunk

    def take(self, n):
        self.need(n)
        out, self.buf = self.buf[:n], self.buf[n:]
        return out

    def str8(self):
        return self.take(self.take(1)[0])

    def next(self):
        cmd = self.take(1)[0]
        if cmd == 1:
            self_id = struct.unpack(">H", self.take(2))[0]
            self.str8()
            for _ in range(struct.unpack(">H", self.take(2))[0]):
                self.take(2), self.str8(), self.str8()
            self.take(2)
            return ("USERLIST", self_id)
        if cmd == 2:
            uid = struct.unpack(">H", self.take(2))[0]
            self.str8(), self.str8()
            return ("ADDUSER", uid)
        if cmd == 3:
            return ("DELETEUSER", struct.unpack(">H", self.take(2))[0])
        if cmd == 4:
            sender = struct.unpack(">H", self.take(2))[0]
            self.take(3)
            text = self.take(struct.unpack(">H", self.take(2))[0])
            self.take(1)
            return ("MESSAGE", sender, text)
        if cmd == 5:
            return ("PONG",)
        raise ValueError("unexpected server message %d" % cmd)


def attacker(host, port, source, n, short, results, deadline):
    s = socket.socket()
    try:
        s.bind((source, 0))
        s.settimeout(10)
        s.connect((host, port))
        s.sendall(login("hold%d" % n))
        s.sendall(frame(4, bytes([0, 0, 0, 0, 0, 0, 0, 102])))   # faculty, room(5), infolen 0, version 102
        s.sendall(bytes([0xFF, 0xFF, 0xFF, 2]) + bytes([0, 0, 0, 0, 0xFF, 0xFF]))  # dst 0, flags, msglen
        left = MAX_L - 1 - 6 - short
        chunk = bytes(65536)
        while left > 0 and time.monotonic() < deadline:
            left -= s.send(chunk[:min(left, len(chunk))])
        results[n] = "holding" if left <= 0 else "timeout"
    except socket.timeout:
        results[n] = "stalled"          # the server stopped reading this connection
    except OSError:
        results[n] = "closed"           # refused by the input budget: killed, as the spec's rules say
    return s


def probe(host, port, n, limit):
    started = time.monotonic()
    s = socket.create_connection((host, port), timeout=limit)
    try:
        s.sendall(login("probe%d" % n))
        r = Reader(s)
        while True:
            m = r.next()
            if m[0] == "USERLIST":
                me = m[1]
                break
        logged_in = time.monotonic() - started
        text = b"hello from probe %d" % n
        s.sendall(frame(2, struct.pack(">HBBH", 0, 0, 0, len(text)) + text))
        while True:
            m = r.next()
            if m[0] == "MESSAGE" and m[1] == me and m[2] == text:
                break
        return {"login_s": round(logged_in, 3), "login_and_message_s": round(time.monotonic() - started, 3)}
    except (OSError, EOFError, ValueError) as e:
        return {"error": repr(e), "after_s": round(time.monotonic() - started, 3)}
    finally:
        s.close()


def read_management(base):
    """Health status and the budget/direct-memory gauges while the attackers still hold their frames."""
    if not base.split("//", 1)[1].startswith("127."):
        raise SystemExit("loopback only")
    out = {}
    try:
        with urllib.request.urlopen(base + "/actuator/health", timeout=5) as r:
            out["health"] = r.status
    except urllib.error.HTTPError as e:
        out["health"] = e.code
    with urllib.request.urlopen(base + "/actuator/prometheus", timeout=5) as r:
        for line in r.read().decode().splitlines():
            if line.startswith(("switchboard_input_budget_reserved_bytes", "switchboard_netty_direct_memory_used_bytes",
                                "jvm_buffer_memory_used_bytes{id=\"direct\"}")):
                name, value = line.rsplit(" ", 1)
                out[name] = int(float(value))
    return out


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=18732)
    p.add_argument("--attackers", type=int, default=40)
    p.add_argument("--short", type=int, default=1000, help="bytes of each frame never sent")
    p.add_argument("--first-source", type=int, default=100)
    p.add_argument("--sources", type=int, default=20)
    p.add_argument("--probes", type=int, default=5)
    p.add_argument("--metrics", help="management base URL read while the frames are held, e.g. http://127.0.0.1:18081")
    p.add_argument("--time-limit", type=float, default=120.0, help="bound for the whole run (max 600 s)")
    a = p.parse_args()
    if not a.host.startswith("127."):
        raise SystemExit("loopback only")
    deadline = time.monotonic() + min(a.time_limit, 600.0)

    results, socks, lock = {}, [], threading.Lock()

    def run(n):
        s = attacker(a.host, a.port, "127.0.0.%d" % (a.first_source + n % a.sources), n, a.short, results, deadline)
        with lock:
            socks.append(s)

    threads = [threading.Thread(target=run, args=(n,)) for n in range(a.attackers)]
    started = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join(max(0.0, deadline - time.monotonic()))
    attack_s = time.monotonic() - started
    probes = [probe(a.host, a.port, n, 10) for n in range(a.probes)]
    held = read_management(a.metrics) if a.metrics else None
    # Attackers the server closed while the probes ran also count as closed.
    closed_later = 0
    for s in socks:
        try:
            s.setblocking(False)
            if s.recv(1 << 20) == b"":
                closed_later += 1
        except BlockingIOError:
            pass
        except OSError:
            closed_later += 1
        s.close()
    outcome = {}
    for v in results.values():
        outcome[v] = outcome.get(v, 0) + 1
    print(json.dumps({"attackers": a.attackers, "attack_seconds": round(attack_s, 1), "attacker_outcome": outcome,
                      "attackers_found_closed_at_end": closed_later, "probes": probes, "while_held": held,
                      "max_login_and_message_s": max((x.get("login_and_message_s", float("inf")) for x in probes),
                                                     default=None)}))


if __name__ == "__main__":
    main()
