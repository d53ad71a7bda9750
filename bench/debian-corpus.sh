#!/usr/bin/env bash
# Builds a real-text scale corpus from Debian's package descriptions; no download beyond apt's own lists.
#
#   bench/debian-corpus.sh [OUT_DIR] [QUERY_COUNT]      (defaults: bench/.data/debian, 2000)
#
# Writes OUT_DIR/faq.tsv (id, question, answer) and OUT_DIR/queries.tsv (query, id_of_correct_faq),
# the layout of ../shared/datasets/stackfaq:
#   id       = the package name (first occurrence of each name in `apt-cache dumpavail`)
#   question = the short description (the first line of Description)
#   answer   = the long description (Description-en from apt's Translation-en lists, joined by
#              Description-md5; dumpavail itself carries only the short one). When no Translation-en
#              list is present the script runs `apt-get update -o Acquire::Languages=en` once (root
#              only); if that is impossible, the answer falls back to the short description.
#   queries  = QUERY_COUNT short descriptions, sampled with a fixed seed and lightly perturbed
#              (lower-cased, one word dropped, two neighbouring words swapped, sometimes one letter
#              dropped from the longest word); the correct ids are every package with that same short
#              description, joined with '|'.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
out=${1:-$here/.data/debian}
query_count=${2:-2000}
lists=/var/lib/apt/lists

command -v apt-cache >/dev/null || { echo "debian-corpus.sh: apt-cache not found (needs Debian or Ubuntu)" >&2; exit 1; }
if ! ls "$lists"/*_Packages* >/dev/null 2>&1; then
    [ "$(id -u)" = 0 ] || { echo "debian-corpus.sh: no apt lists; run 'apt-get update' as root first" >&2; exit 1; }
    timeout 300 apt-get update -qq
fi
if ! ls "$lists"/*Translation-en* >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
    echo "debian-corpus.sh: fetching the English long descriptions (apt-get update -o Acquire::Languages=en)" >&2
    timeout 300 apt-get update -qq -o Acquire::Languages=en || true
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
apt-cache dumpavail > "$work/packages"
: > "$work/translations"
for file in "$lists"/*Translation-en*; do
    [ -e "$file" ] || continue
    /usr/lib/apt/apt-helper cat-file "$file" >> "$work/translations"
    echo >> "$work/translations"
done
mkdir -p "$out"

python3 - "$work/packages" "$work/translations" "$out" "$query_count" <<'PY'
import random, re, sys
from collections import defaultdict

packages_path, translations_path, out, query_count = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])

def stanzas(path):
    """Yields each deb822 paragraph as {field: value}, continuation lines kept with their newline."""
    fields, key = {}, None
    with open(path, encoding="utf-8", errors="replace") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line.strip():
                if fields:
                    yield fields
                fields, key = {}, None
            elif line[0] in " \t" and key:
                fields[key] += "\n" + line
            elif ":" in line:
                key, value = line.split(":", 1)
                fields[key] = value.strip()
    if fields:
        yield fields

def clean(text):
    return re.sub(r"\s+", " ", text).strip()

def long_part(description):
    lines = description.split("\n")[1:]
    return clean(" ".join("" if l.strip() == "." else l.strip() for l in lines))

long_by_md5 = {}
for s in stanzas(translations_path):
    md5, text = s.get("Description-md5"), s.get("Description-en")
    if md5 and text:
        long_by_md5[md5] = long_part(text)

seen, rows = set(), []
for s in stanzas(packages_path):
    name, description = s.get("Package"), s.get("Description")
    if not name or not description or name in seen:
        continue
    seen.add(name)
    short = clean(description.split("\n")[0])
    answer = long_by_md5.get(s.get("Description-md5", ""), "") or long_part(description) or short
    rows.append((name, short, answer))

with open(f"{out}/faq.tsv", "w", encoding="utf-8") as f:
    f.write("id\tquestion\tanswer\n")
    for name, short, answer in rows:
        f.write(f"{name}\t{short}\t{answer}\n")

by_short = defaultdict(list)
for name, short, _ in rows:
    by_short[short.lower()].append(name)
rng = random.Random(5)
shorts = [s for s in by_short if len(s.split()) >= 3]
chosen = rng.sample(shorts, min(query_count, len(shorts)))
with open(f"{out}/queries.tsv", "w", encoding="utf-8") as f:
    f.write("query\tid_of_correct_faq\n")
    for short in chosen:
        words = short.split()
        del words[rng.randrange(len(words))]
        if len(words) >= 2:
            i = rng.randrange(len(words) - 1)
            words[i], words[i + 1] = words[i + 1], words[i]
        if rng.random() < 0.3:
            longest = max(range(len(words)), key=lambda i: len(words[i]))
            if len(words[longest]) >= 5:
                cut = rng.randrange(1, len(words[longest]))
                words[longest] = words[longest][:cut] + words[longest][cut + 1:]
        f.write(" ".join(words) + "\t" + "|".join(by_short[short]) + "\n")

with_long = sum(1 for _, short, answer in rows if answer != short)
print(f"debian corpus: {len(rows)} entries ({with_long} with a long description), "
      f"{len(chosen)} queries -> {out}", file=sys.stderr)
PY
