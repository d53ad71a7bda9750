#!/usr/bin/env bash
# Memory of 'faqbot serve' when many clients send requests but never read the replies (see
# BENCHMARKS.md "Clients that never read").
#
#   bench/server-nonreaders.sh [CLIENTS] [LINES] [SERVE OPTIONS...]   (defaults: 300 clients, 10000 lines)
#
# Each client connects, sends LINES '/help' lines (about 550 bytes of reply each) and never reads;
# the script waits until the server has closed every one of them (or 30 s), then prints the server's
# peak RSS (VmHWM) and why it closed them. Environment: FAQBOT=path (default: release build).
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
clients=${1:-300}
lines=${2:-10000}
shift $(( $# > 2 ? 2 : $# ))
ulimit -n $(( clients * 2 + 1000 ))
. "$root/bench/serve-lib.sh"
ensure_faqbot
make_work

start_serve "$work/serve.log" "$@"
awk '/VmRSS/ {printf "server started: RSS %.1f MB\n", $2/1024}' "/proc/$server_pid/status"

python3 - "$port" "$clients" "$lines" "$server_pid" <<'PY'
import socket, sys, time
port, clients, lines, pid = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
block = b"/help\n" * lines
def open_sockets():
    return len(__import__("os").listdir(f"/proc/{pid}/fd"))
baseline = open_sockets()
sockets = []
for _ in range(clients):
    s = socket.create_connection(("127.0.0.1", port))
    s.setblocking(False)
    sockets.append([s, 0])
started = time.monotonic()
# Send every client's lines (the server reads them as it answers), never reading a reply.
while any(sent < len(block) for _, sent in sockets) and time.monotonic() - started < 30:
    for entry in sockets:
        s, sent = entry
        if sent >= len(block): continue
        try: entry[1] += s.send(block[sent:sent + 65536])
        except BlockingIOError: pass
        except OSError: entry[1] = len(block)
    time.sleep(0.01)
while time.monotonic() - started < 30 and open_sockets() > baseline:
    time.sleep(0.1)
print(f"{clients} clients sent {lines} lines each; server descriptors now {open_sockets()} after {time.monotonic() - started:.1f} s")
PY
awk '/VmHWM/ {printf "server peak RSS %.1f MB\n", $2/1024} /VmRSS/ {printf "server RSS now %.1f MB\n", $2/1024}' "/proc/$server_pid/status"
echo "closed by the total budget: $(grep -c 'max-output-total' "$work/serve.log" || true); by --max-output: $(grep -c 'unsent bytes (the client is not reading)' "$work/serve.log" || true)"
kill -TERM "$server_pid"; wait "$server_pid" || true; server_pid=""
