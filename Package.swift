// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "faqbot",
    products: [
        .executable(name: "faqbot", targets: ["faqbot"]),
        .library(name: "FAQSearch", targets: ["FAQSearch"]),
        .library(name: "FAQDialogue", targets: ["FAQDialogue"]),
        .library(name: "SentenceEncoder", targets: ["SentenceEncoder"]),
    ],
    targets: [
        // epoll and eventfd headers only: Glibc does not expose them to Swift.
        .target(name: "CSystemLinux"),
        // The word-vector table (meaning of words), compiled into the binary; see tools/word-vectors.
        .target(name: "CWordVectors", exclude: ["word-vectors.bin"]),
        // The sentence encoder's vocabulary and int8 weights, compiled into the binary; see tools/sentence-encoder.
        .target(name: "CSentenceEncoder", exclude: ["sentence-encoder.bin"]),
        // all-MiniLM-L6-v2 in pure Swift: tokenizer and forward pass. Pure: no I/O. Optimised even in
        // debug builds, so the tests that compare it with the reference take seconds.
        .target(name: "SentenceEncoder", dependencies: ["CSentenceEncoder"],
                swiftSettings: [.unsafeFlags(["-O", "-Xcc", "-mavx", "-Xcc", "-mfma"])]),
        // Text analysis, index, scoring, knowledge parsing. Pure: no sockets, no clock.
        .target(name: "FAQSearch", dependencies: ["CWordVectors"]),
        // Conversation: intents, answer decision, booking form. Pure state machines, clock injected.
        .target(name: "FAQDialogue", dependencies: ["FAQSearch"]),
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
