#!/usr/bin/env bash
# How index build time, query latency and memory grow with the size of the knowledge base:
# synthetic corpora of 1k, 10k, 100k and 1M entries (bench/synthetic.py), each measured with
# 'faqbot bench' (release build). Prints one table.
#
#   bench/scale.sh [SIZES...]          (default: 1000 10000 100000 1000000)
#
# Environment:
#   FAQBOT=path         use this binary instead of building with 'swift build -c release'
#   FAQBOT_COMMIT=id    the commit that binary was built from, for the report
#   QUERIES=1000        queries per corpus; REPEAT=3 times each is timed
#   DATA=dir            where the corpora are cached (default: bench/.data); regenerated when missing
#   STEP_TIMEOUT=600    seconds one size may take (generation and measurement each); a size that
#                       runs out of time is reported as such and the larger sizes are skipped
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(1000 10000 100000 1000000)
query_count=${QUERIES:-1000}
repeat=${REPEAT:-3}
data=${DATA:-$root/bench/.data}
step_timeout=${STEP_TIMEOUT:-600}

commit=${FAQBOT_COMMIT:-}
if [ -z "${FAQBOT:-}" ]; then
    commit=$(cd "$root" && git rev-parse --short HEAD 2>/dev/null || echo '?')
    [ -z "$(cd "$root" && git status --porcelain -- Sources 2>/dev/null)" ] || commit="$commit+uncommitted"
    (cd "$root" && timeout "$step_timeout" swift build -c release >&2)
    FAQBOT=$(cd "$root" && swift build -c release --show-bin-path)/faqbot
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

field() { sed -n "s/.*$1=\([^ ]*\).*/\1/p" | head -n1; }
echo "machine: $(nproc) cores, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n1); faqbot ${commit:-unknown}"
echo
echo "| entries | TSV MB | load s | build s | query median µs | query p99 µs | peak RSS MB |"
echo "| ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
for size in "${sizes[@]}"; do
    corpus=$data/synthetic-$size
    if [ ! -s "$corpus/queries.tsv" ] || [ ! -s "$corpus/faq.tsv" ]; then
        mkdir -p "$corpus"
        if ! timeout "$step_timeout" python3 "$root/bench/synthetic.py" "$size" --queries "$query_count" --out "$corpus" 2>"$work/err"; then
            echo "| $size | generation failed or exceeded ${step_timeout}s: $(tail -n1 "$work/err") |"
            rm -f "$corpus/queries.tsv"
            break
        fi
    fi
    megabytes=$(du -m "$corpus/faq.tsv" | cut -f1)
    if ! line=$(timeout "$step_timeout" "$FAQBOT" bench --format line --repeat "$repeat" \
                    --knowledge "$corpus/faq.tsv" --queries "$corpus/queries.tsv" 2>"$work/err"); then
        echo "| $size | $megabytes | did not finish within ${step_timeout}s (or failed: $(tail -n1 "$work/err")) | | | | |"
        break
    fi
    echo "| $size | $megabytes | $(field load_s <<<"$line") | $(field build_s <<<"$line") | $(field query_us_median <<<"$line") | $(field query_us_p99 <<<"$line") | $(field peak_rss_mb <<<"$line") |"
done
