#!/bin/sh
# Builds a libFuzzer target and runs it for SECONDS (default 60).
# Usage: fuzz/run.sh [SECONDS] [JOBS] [TARGET]
#   TARGET: FuzzLineProtocol (default: framer + line protocol + dialogue + booking form) or
#           FuzzKnowledge (knowledge, clinic.conf, journal and hand-off record parsers) or
#           FuzzWeb (HTTP request parser and site, WebSocket framing).
# New inputs go to fuzz/artifacts/TARGET/corpus (the seeds in fuzz/corpus or fuzz/corpus-knowledge stay
# as committed); crashes go to fuzz/artifacts/TARGET/crash-*. Exit status 0: no crash found.
set -eu
cd "$(dirname "$0")"
seconds=${1:-60}
jobs=${2:-1}
target=${3:-FuzzLineProtocol}
case "$target" in
    FuzzLineProtocol) seeds=corpus ;;
    FuzzKnowledge) seeds=corpus-knowledge ;;
    FuzzWeb) seeds=corpus-web ;;
    *) echo "unknown target $target" >&2; exit 2 ;;
esac
# SwiftPM's --sanitize=fuzzer instruments only C targets and links libFuzzer; -Xswiftc adds the
# coverage instrumentation to the Swift modules (without it libFuzzer sees a single edge).
flags="-c release --sanitize=fuzzer --sanitize=address -Xswiftc -sanitize=fuzzer,address"
swift build $flags --product "$target" 2>&1 | grep -v "Cannot export local symbol" | tail -3
binary=$(swift build $flags --show-bin-path)/$target
work=artifacts/$target
mkdir -p "$work/corpus"
export SWIFT_BACKTRACE=enable=no
export FAQBOT_KNOWLEDGE="${FAQBOT_KNOWLEDGE:-$(cd .. && pwd)/knowledge}"
if [ "$jobs" -gt 1 ]; then
    # Parallel jobs write their logs (fuzz-N.log) to the current directory: keep them in artifacts/.
    cd "$work"
    exec "$binary" -max_total_time="$seconds" -max_len=4096 -timeout=10 -rss_limit_mb=4096 \
        -artifact_prefix=./ -jobs="$jobs" -workers="$jobs" corpus "../../$seeds"
fi
exec "$binary" -max_total_time="$seconds" -max_len=4096 -timeout=10 -rss_limit_mb=4096 \
    -artifact_prefix="$work/" -print_final_stats=1 "$work/corpus" "$seeds"
