// swift-tools-version:6.0
// The libFuzzer target, kept out of the main package's build: Sources/* link to ../Sources/*.
// Build and run it with ./run.sh SECONDS (it needs --sanitize=fuzzer).
import PackageDescription

// The sentence encoder needs AVX2 and FMA on x86-64, as in the main package.
#if arch(x86_64)
let sentenceEncoderFlags = ["-O", "-Xcc", "-mavx2", "-Xcc", "-mfma"]
#else
let sentenceEncoderFlags = ["-O"]
#endif

let package = Package(
    name: "faqbot-fuzz",
    targets: [
        .target(name: "CSystemLinux"),
        .target(name: "CWordVectors", exclude: ["word-vectors.bin"]),
        .target(name: "FAQSearch", dependencies: ["CWordVectors"]),
        .target(name: "CSentenceEncoder", exclude: ["sentence-encoder.bin"]),
        .target(name: "SentenceEncoder", dependencies: ["CSentenceEncoder"], swiftSettings: [.unsafeFlags(sentenceEncoderFlags)]),
        .target(name: "FAQDialogue", dependencies: ["FAQSearch", "SentenceEncoder"]),
        .target(name: "FAQTransport", dependencies: ["FAQDialogue", "FAQSearch", "CSystemLinux"]),
        .executableTarget(name: "FuzzLineProtocol", dependencies: ["FAQTransport", "FAQDialogue", "FAQSearch"],
                          swiftSettings: [.unsafeFlags(["-parse-as-library"])]),
        .executableTarget(name: "FuzzWeb", dependencies: ["FAQTransport"],
                          swiftSettings: [.unsafeFlags(["-parse-as-library"])]),
        .executableTarget(name: "FuzzKnowledge", dependencies: ["FAQTransport", "FAQDialogue", "FAQSearch"],
                          swiftSettings: [.unsafeFlags(["-parse-as-library"])]),
    ]
)
