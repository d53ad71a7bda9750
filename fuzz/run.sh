#!/bin/sh
# Builds the libFuzzer target (framer + line protocol + dialogue) and runs it for SECONDS (default 60).
# Usage: fuzz/run.sh [SECONDS] [JOBS]
# New inputs go to fuzz/artifacts/corpus (the seeds in fuzz/corpus stay as committed); crashes go to
# fuzz/artifacts/crash-*. Exit status 0: no crash found.
set -eu
cd "$(dirname "$0")"
seconds=${1:-60}
jobs=${2:-1}
# SwiftPM's --sanitize=fuzzer instruments only C targets and links libFuzzer; -Xswiftc adds the
# coverage instrumentation to the Swift modules (without it libFuzzer sees a single edge).
flags="-c release --sanitize=fuzzer --sanitize=address -Xswiftc -sanitize=fuzzer,address"
swift build $flags --product FuzzLineProtocol 2>&1 | grep -v "Cannot export local symbol" | tail -3
binary=$(swift build $flags --show-bin-path)/FuzzLineProtocol
mkdir -p artifacts/corpus
export SWIFT_BACKTRACE=enable=no
export FAQBOT_KNOWLEDGE="${FAQBOT_KNOWLEDGE:-$(cd .. && pwd)/knowledge}"
if [ "$jobs" -gt 1 ]; then
    # Parallel jobs write their logs (fuzz-N.log) to the current directory: keep them in artifacts/.
    cd artifacts
    exec "$binary" -max_total_time="$seconds" -max_len=4096 -timeout=10 -rss_limit_mb=4096 \
        -artifact_prefix=./ -jobs="$jobs" -workers="$jobs" corpus ../corpus
fi
exec "$binary" -max_total_time="$seconds" -max_len=4096 -timeout=10 -rss_limit_mb=4096 \
    -artifact_prefix=artifacts/ -print_final_stats=1 artifacts/corpus corpus
