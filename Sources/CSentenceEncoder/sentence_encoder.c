// The sentence encoder's vocabulary and quantised weights, embedded at compile time (C23 #embed;
// clang accepts it in earlier modes as an extension). Regenerate sentence-encoder.bin with
// tools/sentence-encoder/make_encoder.py.
#include "CSentenceEncoder.h"

#pragma clang diagnostic ignored "-Wc23-extensions"

// 64-byte alignment: every array in the file starts at a multiple of 64, so the encoder reads its
// Float32 arrays in place and its Int8 rows on cache-line boundaries.
static const unsigned char model[] __attribute__((aligned(64))) = {
#embed "sentence-encoder.bin"
};

const unsigned char *faqbot_sentence_encoder_bytes(void) { return model; }

size_t faqbot_sentence_encoder_count(void) { return sizeof model; }

int faqbot_sentence_encoder_supported(void) {
#if defined(__x86_64__)
    __builtin_cpu_init();
    return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
#else
    return 1;
#endif
}
