// The word-vector table, embedded at compile time (C23 #embed; clang accepts it in earlier modes
// as an extension). Regenerate word-vectors.bin with tools/word-vectors/make_vectors.py.
#include "CWordVectors.h"

#pragma clang diagnostic ignored "-Wc23-extensions"

static const unsigned char table[] = {
#embed "word-vectors.bin"
};

const unsigned char *faqbot_word_vectors_bytes(void) { return table; }

size_t faqbot_word_vectors_count(void) { return sizeof table; }
