#ifndef FAQBOT_CSENTENCEENCODER_H
#define FAQBOT_CSENTENCEENCODER_H

#include <stddef.h>

/// The built-in sentence encoder: all-MiniLM-L6-v2's vocabulary and int8 weights (format FAQENC01,
/// see tools/sentence-encoder/make_encoder.py), compiled into the binary from sentence-encoder.bin.
/// The bytes start on a 64-byte boundary.
const unsigned char *faqbot_sentence_encoder_bytes(void);

/// The model's size in bytes.
size_t faqbot_sentence_encoder_count(void);

/// 1 when this processor can run the encoder's code: on x86-64 it is compiled for AVX2 and FMA, and
/// would stop the process with an illegal instruction elsewhere. This file is compiled without them.
int faqbot_sentence_encoder_supported(void);

/// Asks the processor to start loading the cache line at `address` into its caches: a hint, which
/// never faults (any address will do). The encoder reads its int8 weights a little ahead of use.
static inline void faqbot_prefetch(const void *address) { __builtin_prefetch(address, 0, 0); }

#endif
