#!/usr/bin/env bash
# Memory of 'faqbot serve' holding many idle connections (see BENCHMARKS.md "## Server").
#
#   bench/server-idle.sh [CONNECTIONS] [SECONDS]       (defaults: 10000 connections, held 5 s)
#
# Environment: FAQBOT=path (default: build with 'swift build -c release').
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
connections=${1:-10000}
seconds=${2:-5}
# Server and client each need a descriptor per connection.
ulimit -n $(( connections + 1000 ))
. "$root/bench/serve-lib.sh"
ensure_faqbot
make_work

rss() { awk '/VmRSS/ {printf "%.1f MB", $2/1024}' "/proc/$1/status"; }

start_serve "$work/serve.log" --max-connections $(( connections + 100 ))
echo "server started: RSS $(rss "$server_pid")"

"$FAQBOT" loadtest --port "$port" --connections "$connections" --duration "$seconds" --greeting-lines 1 \
    --idle >"$work/load.out" 2>&1 &
load_pid=$!
for _ in $(seq 1200); do
    grep -q "holding" "$work/load.out" 2>/dev/null && break
    kill -0 "$load_pid" 2>/dev/null || break
    sleep 0.05
done
cat "$work/load.out"
echo "server holding $(ls "/proc/$server_pid/fd" | wc -l) descriptors: RSS $(rss "$server_pid")"
grep VmHWM "/proc/$server_pid/status" | awk '{printf "server peak RSS %.1f MB\n", $2/1024}'
# Graceful stop with every connection open: a bye to each, then exit.
started=$(date +%s%N)
kill -TERM "$server_pid"
wait "$server_pid" && status=0 || status=$?
echo "SIGTERM with $connections connections open: exit status $status after $(( ($(date +%s%N) - started) / 1000000 )) ms"
server_pid=""
wait "$load_pid" || true
tail -n +2 "$work/load.out"
grep -v "listening on" "$work/serve.log" || true
