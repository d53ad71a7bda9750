import Foundation
import XCTest

/// Runs the built `faqbot` executable through pipes, with deadlines instead of sleeps.
enum Executable {
    /// The package's root directory.
    static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The bundled knowledge directory.
    static let knowledge = packageRoot.appendingPathComponent("knowledge").path

    /// The path of the built `faqbot`, next to the test bundle, once a first run has encoded the
    /// bundled knowledge's phrasings into the user's cache (several seconds in a debug build), so
    /// the tests' own runs and servers read them instead of each encoding while its deadlines run.
    static var path: String {
        _ = encoderCacheWarmed
        return builtPath
    }

    /// One `faqbot ask` on a line the words leave unsure, with a generous deadline.
    private static let encoderCacheWarmed: Void = {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: builtPath)
        process.arguments = ["ask", "--knowledge", knowledge, "can i use hair gel or wax after"]
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        let finished = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in finished.signal() }
        guard (try? process.run()) != nil else { return }
        if finished.wait(timeout: .now() + 600) == .timedOut { process.terminate() }
    }()

    /// The built `faqbot`.
    private static var builtPath: String {
        let besideTests = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for directory in [besideTests, besideTests.deletingLastPathComponent(),
                          packageRoot.appendingPathComponent(".build/debug")] {
            let candidate = directory.appendingPathComponent("faqbot").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return packageRoot.appendingPathComponent(".build/debug/faqbot").path
    }

    /// What a finished run printed.
    struct Outcome {
        let status: Int32
        let standardOutput: String
        let standardError: String

        /// Standard output's non-empty lines.
        var lines: [String] { standardOutput.split(separator: "\n").map(String.init) }
    }

    /// Runs `faqbot arguments`, feeding `input` then closing standard input; fails the test when it
    /// does not finish within `timeout` seconds.
    /// `executable` runs another program instead (e.g. `setpriv ... faqbot ...`).
    static func run(_ arguments: [String], input: String = "", inputFile: String? = nil,
                    environment: [String: String]? = nil, executable: String? = nil,
                    timeout: TimeInterval = 30, file: StaticString = #filePath, line: UInt = #line) throws -> Outcome {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable ?? path)
        process.arguments = arguments
        process.currentDirectoryURL = packageRoot
        if let environment { process.environment = environment }
        let stdin = Pipe(), stdout = Pipe(), stderr = Pipe()
        if let inputFile {
            process.standardInput = FileHandle(forReadingAtPath: inputFile)
        } else {
            process.standardInput = stdin
        }
        process.standardOutput = stdout
        process.standardError = stderr
        let finished = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in finished.signal() }
        try process.run()
        // Read both pipes concurrently so a full pipe never blocks the child.
        let outputs = OutputCollector()
        let group = DispatchGroup()
        for (pipe, isError) in [(stdout, false), (stderr, true)] {
            group.enter()
            DispatchQueue.global().async {
                let data = pipe.fileHandleForReading.readDataToEndOfFile()
                outputs.set(data, isError: isError)
                group.leave()
            }
        }
        if inputFile == nil && !input.isEmpty { stdin.fileHandleForWriting.write(Data(input.utf8)) }
        try? stdin.fileHandleForWriting.close()
        if finished.wait(timeout: .now() + timeout) == .timedOut {
            process.terminate()
            XCTFail("faqbot \(arguments) did not finish within \(timeout) s", file: file, line: line)
            _ = finished.wait(timeout: .now() + 5)
        }
        _ = group.wait(timeout: .now() + 5)
        return Outcome(status: process.terminationStatus,
                       standardOutput: String(decoding: outputs.output, as: UTF8.self),
                       standardError: String(decoding: outputs.error, as: UTF8.self))
    }

    /// Decodes one JSON line into a dictionary, failing the test when it is not a JSON object.
    static func json(_ line: String, file: StaticString = #filePath, line number: UInt = #line) -> [String: Any] {
        guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else {
            XCTFail("not a JSON object: \(line)", file: file, line: number)
            return [:]
        }
        return object
    }
}

/// Collects a child's output from two reader threads.
private final class OutputCollector: @unchecked Sendable {
    private let lock = NSLock()
    private var outputData = Data()
    private var errorData = Data()

    func set(_ data: Data, isError: Bool) {
        lock.lock(); defer { lock.unlock() }
        if isError { errorData = data } else { outputData = data }
    }

    var output: Data { lock.lock(); defer { lock.unlock() }; return outputData }
    var error: Data { lock.lock(); defer { lock.unlock() }; return errorData }
}
