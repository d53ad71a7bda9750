// swift-tools-version:6.0
import PackageDescription

// The encoder's matrix products widen int8 weights and 16-bit activations and sum their products
// with 256-bit integer multiply-adds (vpmovsxbw, vpmaddwd); the rest uses SIMD8<Float> and fused
// multiply-adds. Without these flags x86-64 code is SSE2 only: SIMD8 is split in two and each fused
// multiply-add becomes a call to fmaf. The encoder therefore needs AVX2 and FMA on x86-64 (Intel
// since 2013, AMD since 2015), as this project's machines have;
// SentenceEncoder.isSupportedByThisProcessor checks.
#if arch(x86_64)
let sentenceEncoderFlags = ["-O", "-Xcc", "-mavx2", "-Xcc", "-mfma"]
#else
let sentenceEncoderFlags = ["-O"]
#endif

let package = Package(
    name: "faqbot",
    products: [
        .executable(name: "faqbot", targets: ["faqbot"]),
        .library(name: "FAQSearch", targets: ["FAQSearch"]),
        .library(name: "FAQDialogue", targets: ["FAQDialogue"]),
        .library(name: "SentenceEncoder", targets: ["SentenceEncoder"]),
    ],
    targets: [
        // epoll and eventfd headers (Glibc does not expose them to Swift) and the terminal-restoring signal handlers.
        .target(name: "CSystemLinux"),
        // The word-vector table (meaning of words), compiled into the binary; see tools/word-vectors.
        .target(name: "CWordVectors", exclude: ["word-vectors.bin"]),
        // The sentence encoder's vocabulary and int8 weights, compiled into the binary; see tools/sentence-encoder.
        .target(name: "CSentenceEncoder", exclude: ["sentence-encoder.bin"]),
        // all-MiniLM-L6-v2 in pure Swift: tokenizer and forward pass. Pure: no I/O. Optimised even in
        // debug builds, so the tests that compare it with the reference take seconds; see
        // sentenceEncoderFlags for the processor it needs.
        .target(name: "SentenceEncoder", dependencies: ["CSentenceEncoder"],
                swiftSettings: [.unsafeFlags(sentenceEncoderFlags)]),
        // Text analysis, index, scoring, knowledge parsing. Pure: no sockets, no clock.
        .target(name: "FAQSearch", dependencies: ["CWordVectors"]),
        // Conversation: intents, answer decision, booking form. Pure state machines, clock injected.
        .target(name: "FAQDialogue", dependencies: ["FAQSearch", "SentenceEncoder"]),
        // Everything that touches the operating system: files, terminal, sockets, epoll, journal.
        .target(name: "FAQTransport", dependencies: ["FAQDialogue", "FAQSearch", "CSystemLinux"]),
        // The thin executable: argument parsing, wiring, exit codes.
        .executableTarget(name: "faqbot", dependencies: ["FAQTransport", "FAQDialogue", "FAQSearch", "SentenceEncoder"]),
        .testTarget(name: "SentenceEncoderTests", dependencies: ["SentenceEncoder"], exclude: ["Fixtures"]),
        .testTarget(name: "FAQSearchTests", dependencies: ["FAQSearch"]),
        .testTarget(name: "FAQDialogueTests", dependencies: ["FAQDialogue"]),
        .testTarget(name: "FAQTransportTests", dependencies: ["FAQTransport"]),
        .testTarget(name: "EndToEndTests", dependencies: ["FAQSearch", "FAQDialogue", "faqbot"]),
    ]
)
