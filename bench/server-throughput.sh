#!/usr/bin/env bash
# Throughput and latency of 'faqbot serve --json' against redis-server inline PING, same load
# generator, same run (see BENCHMARKS.md "## Server").
#
#   bench/server-throughput.sh [SECONDS] [CONNECTIONS]        (defaults: 10 s, 64 connections)
#
# Environment:
#   FAQBOT=path          faqbot binary (default: build with 'swift build -c release')
#   SERVER_THREADS=N     faqbot serve --threads (default: one per core)
#   CLIENT_THREADS=N     faqbot loadtest --threads (default: 1)
#   QUESTIONS=file       questions to send (default: knowledge/eval.tsv, first column)
#   REDIS=path           redis-server binary (default: redis-server on PATH; skipped when missing)
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
seconds=${1:-10}
connections=${2:-64}
questions=${QUESTIONS:-$root/knowledge/eval.tsv}
client_threads=${CLIENT_THREADS:-1}
if [ -z "${FAQBOT:-}" ]; then
    (cd "$root" && swift build -c release >/dev/null)
    FAQBOT=$root/.build/release/faqbot
fi
work=$(mktemp -d)
pids=()
cleanup() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    rm -rf "$work"
}
trap cleanup EXIT

# Waits up to TRIES × 50 ms for PATTERN to appear in FILE.
wait_for_log() {
    local file=$1 pattern=$2 tries=$3
    for _ in $(seq "$tries"); do
        grep -q "$pattern" "$file" 2>/dev/null && return 0
        sleep 0.05
    done
    return 1
}

# Starts 'faqbot serve' with the given extra options; sets $port and $server_pid.
start_faqbot() {
    local threads=()
    [ -n "${SERVER_THREADS:-}" ] && threads=(--threads "$SERVER_THREADS")
    "$FAQBOT" serve --port 0 --json --knowledge "$root/knowledge" "${threads[@]}" "$@" 2>"$work/serve.log" &
    server_pid=$!
    pids+=("$server_pid")
    wait_for_log "$work/serve.log" "listening on" 300 || true
    port=$(sed -n 's/.*listening on [0-9.]*:\([0-9]*\).*/\1/p' "$work/serve.log")
    [ -n "$port" ] || { echo "faqbot serve did not start:" >&2; cat "$work/serve.log" >&2; exit 1; }
}

stop_faqbot() {
    kill -TERM "$server_pid"
    wait "$server_pid" || true
}

echo "machine: $(nproc) cores, $(uname -sr); faqbot $(cd "$root" && git rev-parse --short HEAD)"
echo "load: $connections connections, $seconds s, loadtest --threads $client_threads"
echo

echo "== faqbot serve --json, clinic questions ($(basename "$questions"); repeated lines come from the cache)"
start_faqbot
"$FAQBOT" loadtest --port "$port" --connections "$connections" --duration "$seconds" \
    --questions "$questions" --greeting-lines 1 --threads "$client_threads"
ps -o rss=,pcpu= -p "$server_pid" | awk '{printf "server RSS %.1f MB\n", $1/1024}'
stop_faqbot
echo

echo "== faqbot serve --json --cache 0, clinic questions (every line analysed and searched again)"
start_faqbot --cache 0
"$FAQBOT" loadtest --port "$port" --connections "$connections" --duration "$seconds" \
    --questions "$questions" --greeting-lines 1 --threads "$client_threads"
stop_faqbot
echo

echo "== faqbot serve --json --encoder off, clinic questions made unique (loadtest --unique: no line is ever seen twice)"
start_faqbot --encoder off
"$FAQBOT" loadtest --port "$port" --connections "$connections" --duration "$seconds" \
    --questions "$questions" --greeting-lines 1 --threads "$client_threads" --unique
stop_faqbot
echo

echo "== faqbot serve --json (encoder on, the default), clinic questions made unique"
start_faqbot
"$FAQBOT" loadtest --port "$port" --connections "$connections" --duration "$seconds" \
    --questions "$questions" --greeting-lines 1 --threads "$client_threads" --unique
stop_faqbot
echo

echo "== faqbot serve --json, '/reset' (transport only: no search)"
printf '/reset\n' > "$work/reset.txt"
start_faqbot
"$FAQBOT" loadtest --port "$port" --connections "$connections" --duration "$seconds" \
    --questions "$work/reset.txt" --greeting-lines 1 --threads "$client_threads"
stop_faqbot
echo

redis=${REDIS:-$(command -v redis-server || true)}
if [ -z "$redis" ]; then
    echo "== redis-server not found: skipped (apt-get install -y redis-server)"
    exit 0
fi
redis_port=$(( 20000 + RANDOM % 20000 ))
echo "== $("$redis" --version | cut -d' ' -f1-3), inline PING (port $redis_port)"
"$redis" --port "$redis_port" --bind 127.0.0.1 --save '' --appendonly no --daemonize no >"$work/redis.log" 2>&1 &
redis_pid=$!
pids+=("$redis_pid")
wait_for_log "$work/redis.log" "Ready to accept" 100 || true
"$FAQBOT" loadtest --port "$redis_port" --connections "$connections" --duration "$seconds" --threads "$client_threads"
