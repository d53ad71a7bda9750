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

# cpu_ticks POLICY_TEST: CPU clock ticks (user + system) of the server's threads whose scheduling
# policy (field 41 of /proc/PID/task/TID/stat) passes the awk test, e.g. '!= 5' (all but SCHED_IDLE).
cpu_ticks() {
    cat /proc/"$server_pid"/task/*/stat 2>/dev/null | awk "\$41 $1 { sum += \$14 + \$15 } END { print sum + 0 }"
}

# run_once QUESTIONS [SERVE OPTIONS...]: prints "REPLIES/S LOOP_MS_PER_1000 WRITER_MS_PER_1000" of one
# round: replies per second, then the CPU time per 1000 replies of the event loops (and main thread)
# and of the log's writer (read 1 s after the load, once it has caught up).
run_once() {
    local questions=$1
    shift
    start_serve "$work/serve.log" --encoder off --bookings "$work/bookings.jsonl" "$@"
    local before
    before=$(cpu_ticks '!= 5')
    "$FAQBOT" loadtest --port "$port" --connections "$connections" --duration "$seconds" \
        --questions "$questions" --greeting-lines 1 --unique > "$work/load.txt"
    local loop=$(( $(cpu_ticks '!= 5') - before ))
    sleep 1
    local writer
    writer=$(cpu_ticks '== 5')
    kill -TERM "$server_pid"
    wait "$server_pid" || true
    server_pid=""
    local replies rate
    replies=$(sed -n 's/^replies \([0-9]*\) .*/\1/p' "$work/load.txt")
    rate=$(sed -n 's/^replies [0-9]* (\([0-9]*\)\/s).*/\1/p' "$work/load.txt")
    awk -v rate="$rate" -v n="$replies" -v loop="$loop" -v writer="$writer" -v hz="$(getconf CLK_TCK)" \
        'BEGIN { printf "%d %.1f %.1f\n", rate, loop * 1000 / hz * 1000 / n, writer * 1000 / hz * 1000 / n }'
}

median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

echo "machine: $(nproc) cores, $(uname -sr), load $(cut -d' ' -f1-3 /proc/loadavg); faqbot $(cd "$root" && git rev-parse --short HEAD)"
echo "load: $connections connections, $seconds s per round, $rounds rounds each, loadtest --unique, serve --encoder off"
echo
# column N: the Nth field of each line of standard input.
column() { awk -v n="$1" '{ print $n }'; }

echo "medians of the rounds; CPU in ms per 1000 replies (event loops and main thread | log writer)"
printf '%-18s %9s %9s %7s   %9s %9s %7s %9s\n' "questions" "off /s" "on /s" "ratio" "off CPU" "on CPU" "ratio" "writer"
for load in "clinic questions:$root/knowledge/eval.tsv" "off-topic only:$work/off-topic.txt"; do
    name=${load%%:*}
    file=${load#*:}
    : > "$work/off.txt"
    : > "$work/on.txt"
    for round in $(seq "$rounds"); do
        run_once "$file" >> "$work/off.txt"
        rm -rf "$work/logs"
        run_once "$file" --log-dir "$work/logs" >> "$work/on.txt"
    done
    off_rate=$(column 1 < "$work/off.txt" | median)
    on_rate=$(column 1 < "$work/on.txt" | median)
    off_cpu=$(column 2 < "$work/off.txt" | median)
    on_cpu=$(column 2 < "$work/on.txt" | median)
    writer_cpu=$(column 3 < "$work/on.txt" | median)
    printf '%-18s %9s %9s %7s   %9s %9s %7s %9s\n' "$name" "$off_rate" "$on_rate" \
        "$(awk -v a="$on_rate" -v b="$off_rate" 'BEGIN { printf "%.3f", a / b }')" "$off_cpu" "$on_cpu" \
        "$(awk -v a="$on_cpu" -v b="$off_cpu" 'BEGIN { printf "%.3f", a / b }')" "$writer_cpu"
    echo "   rounds off: $(tr '\n' ';' < "$work/off.txt")"
    echo "   rounds on:  $(tr '\n' ';' < "$work/on.txt")"
done
echo
echo "log written in the last round: $(cat "$work"/logs/*.jsonl 2>/dev/null | wc -l) lines, $(du -sh "$work/logs" | cut -f1)"
