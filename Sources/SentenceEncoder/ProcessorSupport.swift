import CSentenceEncoder

extension SentenceEncoder {
    /// Whether this processor can run the encoder. On x86-64 the module is compiled for AVX2 and FMA
    /// (see Package.swift): on a processor without them the first encoding would stop the process
    /// with an illegal instruction, so check this before the first use of `shared`. The check
    /// itself is C compiled for any x86-64.
    public static var isSupportedByThisProcessor: Bool { faqbot_sentence_encoder_supported() != 0 }
}
