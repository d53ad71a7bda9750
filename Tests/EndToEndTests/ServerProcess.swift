import Foundation
import XCTest

/// A running `faqbot serve --port 0 ...`: started, its port read from the log, stopped with a signal.
/// When the test lets go of it, a server still running is killed.
final class ServerProcess: @unchecked Sendable {
    // @unchecked: set once in init; `log` is a locked buffer.
    let process = Process()
    private(set) var port = 0
    private let logBuffer = LogBuffer()
    private let finished = DispatchSemaphore(value: 0)

    /// Starts `faqbot serve --port 0 arguments` (through `/bin/sh -c "ulimit -n N; exec ..."` when
    /// `fileLimit` is set, or `/bin/sh -c "PREFIX && exec ..."` with `shellPrefix`) and waits for
    /// `listening on 127.0.0.1:PORT` on standard error.
    init(_ arguments: [String], fileLimit: Int? = nil, shellPrefix: String? = nil,
         file: StaticString = #filePath, line: UInt = #line) throws {
        let serveArguments = ["serve", "--port", "0", "--knowledge", Executable.knowledge] + arguments
        if let prefix = shellPrefix ?? fileLimit.map({ "ulimit -n \($0)" }) {
            process.executableURL = URL(fileURLWithPath: "/bin/sh")
            let quoted = ([Executable.path] + serveArguments).map { "'" + $0 + "'" }.joined(separator: " ")
            process.arguments = ["-c", "\(prefix) && exec \(quoted)"]
        } else {
            process.executableURL = URL(fileURLWithPath: Executable.path)
            process.arguments = serveArguments
        }
        let errorPipe = Pipe()
        process.standardError = errorPipe
        process.standardOutput = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        process.terminationHandler = { [finished] _ in finished.signal() }
        try process.run()
        let handle = errorPipe.fileHandleForReading
        // The reader holds only the buffer (not self), so dropping the ServerProcess kills the server.
        Thread.detachNewThread { [logBuffer] in
            while true {
                let data = handle.availableData
                if data.isEmpty { break }
                logBuffer.append(data)
            }
        }
        let found = waitUntil(timeout: 30) { self.log.contains("listening on 127.0.0.1:") }
        guard found, let range = log.range(of: #"listening on 127\.0\.0\.1:(\d+)"#, options: .regularExpression) else {
            process.terminate()
            XCTFail("the server did not start: \(log)", file: file, line: line)
            throw ServerClient.Failure.timedOut("server start")
        }
        port = Int(log[range].split(separator: ":").last!)!
    }

    deinit {
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            _ = finished.wait(timeout: .now() + 5)
        }
    }

    /// The HTTP port (`--http-port 0`), from the log line that names it.
    var httpPort: Int {
        guard let range = log.range(of: #"HTTP and WebSocket on 127\.0\.0\.1:(\d+)"#, options: .regularExpression) else { return 0 }
        return Int(log[range].split(separator: ":").last!)!
    }

    /// Everything the server logged so far.
    var log: String { logBuffer.text }

    /// A new client connected to the server.
    func connect(timeout: TimeInterval = 10, receiveBuffer: Int32? = nil) throws -> ServerClient {
        try ServerClient(port: port, timeout: timeout, receiveBuffer: receiveBuffer)
    }

    /// Sends `signal`; returns the exit status, or nil when it did not exit within `timeout` seconds.
    func stop(_ signal: Int32 = SIGTERM, timeout: TimeInterval = 10) -> Int32? {
        kill(process.processIdentifier, signal)
        guard finished.wait(timeout: .now() + timeout) == .success else { return nil }
        return process.terminationStatus
    }
}

/// The server's standard error, filled by a reader thread.
private final class LogBuffer: @unchecked Sendable {
    // @unchecked: `data` is only touched under `lock`.
    private let lock = NSLock()
    private var data = Data()

    func append(_ more: Data) { lock.lock(); data.append(more); lock.unlock() }

    var text: String { lock.lock(); defer { lock.unlock() }; return String(decoding: data, as: UTF8.self) }
}

/// Polls `condition` until it holds or `timeout` seconds pass; returns whether it held.
func waitUntil(timeout: TimeInterval, _ condition: () -> Bool) -> Bool {
    let deadline = Date().addingTimeInterval(timeout)
    while Date() < deadline {
        if condition() { return true }
        usleep(5_000)
    }
    return condition()
}
