#!/usr/bin/env python3
"""Synthetic FAQ corpus for scale benchmarks: N entries and a query set, no download needed.

  bench/synthetic.py N [--queries M] [--seed S] [--out DIR]

Writes DIR/faq.tsv (columns id, question, answer) and DIR/queries.tsv (columns query,
id_of_correct_faq), the layout of ../shared/datasets/stackfaq. N may go up to 1,000,000.

The words are pronounceable pseudo-words (so the stemmer and the spelling corrector see word-like
input) drawn from a Zipf distribution over a vocabulary that grows with N (Heaps' law), which gives
the skewed posting-list lengths of real text. A question has 6-14 words; an answer repeats some of
the question's words among 20-60 others. A query keeps about two thirds of an entry's question
words, shuffled, adds one or two unrelated words, and sometimes a typo, so it is neither an exact
copy nor hopeless. Deterministic for a given seed.
"""
import argparse
import itertools
import os
import random
import sys

SYLLABLES = [c + v for c in "bdfghklmnprstvz" for v in ("a", "e", "i", "o", "u", "ai", "ou")]
FUNCTION_WORDS = ["how", "do", "i", "the", "a", "to", "can", "my", "is", "what", "for", "with", "in", "of"]


def vocabulary(size, rng):
    words, seen = [], set()
    while len(words) < size:
        word = "".join(rng.choice(SYLLABLES) for _ in range(rng.choice((2, 2, 3, 3, 4))))
        if word not in seen:
            seen.add(word)
            words.append(word)
    return words


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("entries", type=int, help="number of FAQ entries (1 to 1,000,000)")
    parser.add_argument("--queries", type=int, default=1000, help="number of queries (default 1000)")
    parser.add_argument("--seed", type=int, default=5)
    parser.add_argument("--out", default=".", help="output directory (default: current)")
    args = parser.parse_args()
    if not 1 <= args.entries <= 1_000_000:
        parser.error("entries must be from 1 to 1,000,000")
    rng = random.Random(args.seed)
    vocabulary_size = max(2_000, min(400_000, int(60 * args.entries ** 0.6)))
    words = vocabulary(vocabulary_size, rng)
    cumulative = list(itertools.accumulate(1.0 / (rank + 10) ** 1.05 for rank in range(vocabulary_size)))

    def draw(k):
        return rng.choices(words, cum_weights=cumulative, k=k)

    query_count = min(args.queries, args.entries)
    query_rows = set(rng.sample(range(args.entries), query_count))
    queries = []
    os.makedirs(args.out, exist_ok=True)
    with open(os.path.join(args.out, "faq.tsv"), "w", encoding="utf-8") as faq:
        faq.write("id\tquestion\tanswer\n")
        for row in range(args.entries):
            entry_id = f"E{row + 1:07d}"
            topic = draw(rng.randint(5, 12))
            question = [rng.choice(FUNCTION_WORDS)] + topic
            answer = draw(rng.randint(20, 60)) + rng.sample(topic, min(len(topic), 3))
            rng.shuffle(answer)
            faq.write(f"{entry_id}\t{' '.join(question)}?\t{' '.join(answer)}.\n")
            if row in query_rows:
                kept = rng.sample(topic, max(2, (2 * len(topic)) // 3))
                kept += draw(rng.randint(1, 2))
                rng.shuffle(kept)
                if rng.random() < 0.3:  # a typo: one letter dropped from the longest word
                    longest = max(range(len(kept)), key=lambda i: len(kept[i]))
                    word = kept[longest]
                    cut = rng.randrange(1, len(word))
                    kept[longest] = word[:cut] + word[cut + 1:]
                queries.append((" ".join(kept), entry_id))
    rng.shuffle(queries)
    with open(os.path.join(args.out, "queries.tsv"), "w", encoding="utf-8") as out:
        out.write("query\tid_of_correct_faq\n")
        for query, entry_id in queries:
            out.write(f"{query}\t{entry_id}\n")
    print(f"wrote {args.entries} entries ({vocabulary_size} distinct words) and {len(queries)} queries to {args.out}",
          file=sys.stderr)


if __name__ == "__main__":
    main()
