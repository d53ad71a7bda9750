#!/usr/bin/env bash
# WebSocket (/chat on --http-port) against the TCP line protocol: the same server process, the same
# load generator, the same questions, alternating runs (see BENCHMARKS.md "WebSocket").
#
#   bench/websocket-throughput.sh [SECONDS] [CONNECTIONS] [ROUNDS]   (defaults: 5 s, 64 connections, 3 rounds)
#
# Environment: FAQBOT=path (default: build with 'swift build -c release'), CLIENT_THREADS=N (default 1).
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
seconds=${1:-5}
connections=${2:-64}
rounds=${3:-3}
client_threads=${CLIENT_THREADS:-1}
if [ -z "${FAQBOT:-}" ]; then
    (cd "$root" && swift build -c release >/dev/null)
    FAQBOT=$root/.build/release/faqbot
fi
work=$(mktemp -d)
server_pid=
cleanup() {
    [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

"$FAQBOT" serve --port 0 --http-port 0 --json --knowledge "$root/knowledge" --bookings "$work/bookings.jsonl" 2>"$work/serve.log" &
server_pid=$!
for _ in $(seq 300); do grep -q "listening on" "$work/serve.log" && break; sleep 0.05; done
tcp_port=$(sed -n 's/.*listening on [0-9.]*:\([0-9]*\).*/\1/p' "$work/serve.log")
http_port=$(sed -n 's/.*HTTP and WebSocket on [0-9.]*:\([0-9]*\).*/\1/p' "$work/serve.log")
[ -n "$tcp_port" ] && [ -n "$http_port" ] || { echo "faqbot serve did not start:" >&2; cat "$work/serve.log" >&2; exit 1; }
printf '/reset\n' > "$work/reset.txt"

echo "machine: $(nproc) cores, $(uname -sr); faqbot $(cd "$root" && git rev-parse --short HEAD)"
echo "load: $connections connections, $seconds s per run, $rounds rounds, loadtest --threads $client_threads"

run() {  # NAME QUESTIONS [extra loadtest options]
    local name=$1 questions=$2
    shift 2
    "$FAQBOT" loadtest --connections "$connections" --duration "$seconds" --questions "$questions" \
        --greeting-lines 1 --threads "$client_threads" "$@" > "$work/out.txt"
    local rate p99
    rate=$(sed -n 's/.*(\([0-9]*\)\/s).*/\1/p' "$work/out.txt")
    p99=$(sed -n 's/.*p99 \([0-9.]*\) ms.*/\1/p' "$work/out.txt")
    echo "$name $rate $p99" >> "$work/results.txt"
    echo "$name: $(tr '\n' ' ' < "$work/out.txt")"
}

# Warm-up (not counted): the reading cache fills, the threads and connections start.
for port_options in "--port $tcp_port" "--port $http_port --websocket /chat"; do
    # shellcheck disable=SC2086
    "$FAQBOT" loadtest --connections "$connections" --duration 2 --questions "$root/knowledge/eval.tsv" \
        --greeting-lines 1 --threads "$client_threads" $port_options > /dev/null
done

for round in $(seq "$rounds"); do
    echo "== round $round"
    run tcp-questions "$root/knowledge/eval.tsv" --port "$tcp_port"
    run ws-questions "$root/knowledge/eval.tsv" --port "$http_port" --websocket /chat
    run tcp-reset "$work/reset.txt" --port "$tcp_port"
    run ws-reset "$work/reset.txt" --port "$http_port" --websocket /chat
done

echo
echo "== medians over $rounds rounds (replies/s, p99 ms)"
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
for load in questions reset; do
    tcp=$(awk -v n="tcp-$load" '$1 == n {print $2}' "$work/results.txt" | median)
    ws=$(awk -v n="ws-$load" '$1 == n {print $2}' "$work/results.txt" | median)
    tcp99=$(awk -v n="tcp-$load" '$1 == n {print $3}' "$work/results.txt" | median)
    ws99=$(awk -v n="ws-$load" '$1 == n {print $3}' "$work/results.txt" | median)
    awk -v l="$load" -v t="$tcp" -v w="$ws" -v t99="$tcp99" -v w99="$ws99" \
        'BEGIN {printf "%-10s TCP %7d/s (p99 %s ms)   WebSocket %7d/s (p99 %s ms)   WebSocket/TCP %.2f\n", l, t, t99, w, w99, w / t}'
done
