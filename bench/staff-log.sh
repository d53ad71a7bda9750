#!/usr/bin/env bash
# Cost of the staff's log (--log-dir): replies/s of 'faqbot serve --json --encoder off' with the log
# off and on, same run, rounds interleaved (off, on, off, on, ...), median of the rounds.
#
#   bench/staff-log.sh [SECONDS] [CONNECTIONS] [ROUNDS]       (defaults: 5 s, 64 connections, 3 rounds)
#
# Two loads, both with 'loadtest --unique' (no line is answered from the cache):
#   clinic questions   knowledge/eval.tsv (103 FAQ and 30 off-topic questions: a quarter are logged)
#   off-topic only     its 30 off-topic questions (every line is logged with its closest entries)
# Environment: FAQBOT=path (default: build with 'swift build -c release').
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
seconds=${1:-5}
connections=${2:-64}
rounds=${3:-3}
source "$root/bench/serve-lib.sh"
ensure_faqbot
make_work
awk -F'\t' 'NR > 1 && $2 == "-" { print $1 }' "$root/knowledge/eval.tsv" > "$work/off-topic.txt"

# run_once QUESTIONS [SERVE OPTIONS...]: prints replies/s of one round.
run_once() {
    local questions=$1
    shift
    start_serve "$work/serve.log" --encoder off --bookings "$work/bookings.jsonl" "$@"
    "$FAQBOT" loadtest --port "$port" --connections "$connections" --duration "$seconds" \
        --questions "$questions" --greeting-lines 1 --unique > "$work/load.txt"
    kill -TERM "$server_pid"
    wait "$server_pid" || true
    server_pid=""
    sed -n 's/^replies [0-9]* (\([0-9]*\)\/s).*/\1/p' "$work/load.txt"
}

median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

echo "machine: $(nproc) cores, $(uname -sr), load $(cut -d' ' -f1-3 /proc/loadavg); faqbot $(cd "$root" && git rev-parse --short HEAD)"
echo "load: $connections connections, $seconds s per round, $rounds rounds each, loadtest --unique, serve --encoder off"
echo
printf '%-20s %12s %12s %8s\n' "questions" "log off" "log on" "ratio"
for load in "clinic questions:$root/knowledge/eval.tsv" "off-topic only:$work/off-topic.txt"; do
    name=${load%%:*}
    file=${load#*:}
    off=() on=()
    for round in $(seq "$rounds"); do
        off+=("$(run_once "$file")")
        rm -rf "$work/logs"
        on+=("$(run_once "$file" --log-dir "$work/logs")")
    done
    off_median=$(printf '%s\n' "${off[@]}" | median)
    on_median=$(printf '%s\n' "${on[@]}" | median)
    printf '%-20s %12s %12s %8s   (rounds off: %s; on: %s)\n' "$name" "$off_median" "$on_median" \
        "$(awk -v a="$on_median" -v b="$off_median" 'BEGIN { printf "%.3f", a / b }')" "${off[*]}" "${on[*]}"
done
echo
echo "log written in the last round: $(cat "$work"/logs/*.jsonl 2>/dev/null | wc -l) lines, $(du -sh "$work/logs" | cut -f1)"
