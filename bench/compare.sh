#!/usr/bin/env bash
# Runs faqbot and the peer retrievers (scikit-learn TF-IDF, rank_bm25; optionally MiniLM) on the same
# files in the same run and prints one table: quality (P@1, MRR) and speed side by side.
#
#   bench/compare.sh [KB.tsv QUERIES.tsv]     (default: ../shared/datasets/stackfaq/{faq,queries}.tsv)
#
# Environment:
#   FAQBOT=path        use this faqbot binary instead of building one with 'swift build -c release'
#   FAQBOT_COMMIT=id   the commit that binary was built from, for the report
#   REPEAT=3           times each query set is timed (faqbot bench and faq_peer.py time)
#   MAX_QUERIES=N      use only the first N queries (for large corpora; default: all)
#   PEERS="tfidf bm25" peer models to run; add minilm when sentence-transformers is installed in VENV
#   VENV=dir           virtualenv for the peers (default: ~/.cache/faqbot-bench-venv); the script
#                      creates it and runs 'pip install scikit-learn rank-bm25' in it
#   PEER=path          faq_peer.py (default: ../shared/peers/faq_peer.py beside the repository)
#   STEP_TIMEOUT=900   seconds any single step may take
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
shared=$(cd "$root/.." && pwd)/shared
kb=${1:-$shared/datasets/stackfaq/faq.tsv}
queries=${2:-$shared/datasets/stackfaq/queries.tsv}
repeat=${REPEAT:-3}
peers=${PEERS:-tfidf bm25}
venv=${VENV:-$HOME/.cache/faqbot-bench-venv}
peer=${PEER:-$shared/peers/faq_peer.py}
step_timeout=${STEP_TIMEOUT:-900}

for file in "$kb" "$queries" "$peer"; do
    [ -f "$file" ] || { echo "compare.sh: $file not found" >&2; exit 1; }
done
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
if [ -n "${MAX_QUERIES:-}" ]; then
    head -n "$((MAX_QUERIES + 1))" "$queries" > "$work/queries.tsv"
    queries=$work/queries.tsv
fi

commit=${FAQBOT_COMMIT:-}
if [ -z "${FAQBOT:-}" ]; then
    commit=$(cd "$root" && git rev-parse --short HEAD 2>/dev/null || echo '?')
    [ -z "$(cd "$root" && git status --porcelain -- Sources 2>/dev/null)" ] || commit="$commit+uncommitted"
    echo "compare.sh: building faqbot (release)" >&2
    (cd "$root" && timeout "$step_timeout" swift build -c release >&2)
    FAQBOT=$(cd "$root" && swift build -c release --show-bin-path)/faqbot
fi
if [ ! -x "$venv/bin/python" ]; then python3 -m venv "$venv"; fi
echo "compare.sh: installing the peers (pip install scikit-learn rank-bm25)" >&2
timeout "$step_timeout" "$venv/bin/pip" install -q --disable-pip-version-check scikit-learn rank-bm25 >&2
python=$venv/bin/python

run() { timeout "$step_timeout" "$@"; }
field() { sed -n "s/.*$1=\([^ ]*\).*/\1/p" | head -n1; }

echo "compare.sh: faqbot eval + bench" >&2
eval_out=$(run "$FAQBOT" eval --quiet --knowledge "$kb" "$queries")
faqbot_p1=$(sed -n 's/^top-1 accuracy (P@1): \([0-9.]*\).*/\1/p' <<<"$eval_out")
faqbot_mrr=$(sed -n 's/^MRR: \([0-9.]*\).*/\1/p' <<<"$eval_out")
bench_out=$(run "$FAQBOT" bench --format line --repeat "$repeat" --knowledge "$kb" --queries "$queries")
entries=$(field entries <<<"$bench_out")
query_count=$(field queries <<<"$bench_out")
faqbot_median=$(field query_us_median <<<"$bench_out")
printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' faqbot "$faqbot_p1" "$faqbot_mrr" "$(field build_s <<<"$bench_out")" \
    "$faqbot_median" "$(field query_us_p99 <<<"$bench_out")" "$(field peak_rss_mb <<<"$bench_out")" > "$work/rows"

for model in $peers; do
    echo "compare.sh: peer $model eval + time" >&2
    if ! quality=$(HF_HUB_OFFLINE=1 run "$python" "$peer" eval --kb "$kb" --queries "$queries" --model "$model" 2>"$work/err"); then
        echo "compare.sh: peer $model failed: $(tail -n1 "$work/err")" >&2
        continue
    fi
    if ! timing=$(HF_HUB_OFFLINE=1 run "$python" "$peer" time --kb "$kb" --queries "$queries" --model "$model" --repeat "$repeat" 2>"$work/err"); then
        echo "compare.sh: peer $model timing failed or exceeded ${step_timeout}s: $(tail -n1 "$work/err")" >&2
        timing="build_s=- query_us_median=- query_us_p99=-"
    fi
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$model" "$(field P@1 <<<"$quality")" "$(field MRR <<<"$quality")" \
        "$(field build_s <<<"$timing")" "$(field query_us_median <<<"$timing")" "$(field query_us_p99 <<<"$timing")" "-" >> "$work/rows"
done

echo
echo "knowledge: $kb ($entries entries)"
echo "queries:   $queries ($query_count queries, timed $repeat times each)"
echo "machine:   $(nproc) cores, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n1); faqbot ${commit:-unknown}"
echo
echo "| engine | P@1 | MRR | build s | query median µs | query p99 µs | peak RSS MB | median vs faqbot |"
echo "| --- | --- | --- | --- | --- | --- | --- | --- |"
while IFS=$'\t' read -r name p1 mrr build median p99 rss; do
    ratio=$(awk -v m="$median" -v f="$faqbot_median" 'BEGIN { if (f > 0 && m > 0) printf "%.1f×", m / f; else print "-" }')
    echo "| $name | $p1 | $mrr | $build | $median | $p99 | $rss | $ratio |"
done < "$work/rows"
