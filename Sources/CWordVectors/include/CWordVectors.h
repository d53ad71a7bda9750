#ifndef FAQBOT_CWORDVECTORS_H
#define FAQBOT_CWORDVECTORS_H

#include <stddef.h>

/// The built-in word-vector table (format FAQVEC01, see tools/word-vectors/README.md), compiled
/// into the binary from word-vectors.bin: no file to find at run time.
const unsigned char *faqbot_word_vectors_bytes(void);

/// The table's size in bytes.
size_t faqbot_word_vectors_count(void);

#endif
