// swift-tools-version:6.0
// The libFuzzer target, kept out of the main package's build: Sources/* link to ../Sources/*.
// Build and run it with ./run.sh SECONDS (it needs --sanitize=fuzzer).
import PackageDescription

let package = Package(
    name: "faqbot-fuzz",
    targets: [
        .target(name: "CSystemLinux"),
        .target(name: "CWordVectors", exclude: ["word-vectors.bin"]),
        .target(name: "FAQSearch", dependencies: ["CWordVectors"]),
        .target(name: "FAQDialogue", dependencies: ["FAQSearch"]),
        .target(name: "FAQTransport", dependencies: ["FAQDialogue", "FAQSearch", "CSystemLinux"]),
        .executableTarget(name: "FuzzLineProtocol", dependencies: ["FAQTransport", "FAQDialogue", "FAQSearch"],
                          swiftSettings: [.unsafeFlags(["-parse-as-library"])]),
        .executableTarget(name: "FuzzKnowledge", dependencies: ["FAQTransport", "FAQDialogue", "FAQSearch"],
                          swiftSettings: [.unsafeFlags(["-parse-as-library"])]),
    ]
)
