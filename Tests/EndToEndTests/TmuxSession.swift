import Foundation
import XCTest

/// A program run in a detached tmux session on a private tmux server: keys are sent with `send-keys`
/// and the screen is read with `capture-pane`, polled with a deadline.
final class TmuxSession {
    /// The tmux executable on PATH, or nil when tmux is not installed.
    static let executable: String? = {
        for directory in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
            let candidate = "\(directory)/tmux"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }()

    private let tmux: String
    private let socket = "faqbot-test-\(UUID().uuidString)"

    /// Starts `command` (a shell command line) in a `width` x `height` terminal.
    init(command: String, width: Int = 100, height: Int = 40) throws {
        guard let tmux = Self.executable else { throw XCTSkip("tmux is not installed") }
        self.tmux = tmux
        // The server started here would keep an output pipe open for ever: no output is read.
        try run(["new-session", "-d", "-x", "\(width)", "-y", "\(height)", command], readsOutput: false)
    }

    deinit {
        _ = try? run(["kill-server"], readsOutput: false)
    }

    /// Sends tmux key names ("Left", "Up", "Enter", "C-d", "F5").
    func keys(_ names: String...) throws {
        try run(["send-keys", "-t", "0"] + names)
    }

    /// Types `text` literally.
    func type(_ text: String) throws {
        try run(["send-keys", "-t", "0", "-l", text])
    }

    /// The screen and its scrollback, as plain text.
    func screen() throws -> String {
        try run(["capture-pane", "-p", "-t", "0", "-S", "-500"])
    }

    /// The process ids of the pane's shell's children.
    func childrenOfThePanesShell() throws -> [Int32] {
        let shell = try run(["display-message", "-p", "-t", "0", "#{pane_pid}"]).trimmingCharacters(in: .whitespacesAndNewlines)
        let children = (try? String(contentsOfFile: "/proc/\(shell)/task/\(shell)/children", encoding: .utf8)) ?? ""
        return children.split(separator: " ").compactMap { Int32($0) }
    }

    /// The cursor's column.
    func cursorColumn() throws -> Int {
        Int(try run(["display-message", "-p", "-t", "0", "#{cursor_x}"]).trimmingCharacters(in: .whitespacesAndNewlines)) ?? -1
    }

    /// Polls the screen until `condition` holds; fails the test with the last screen after `timeout` seconds.
    @discardableResult
    func waitFor(_ description: String, timeout: TimeInterval = 20, file: StaticString = #filePath, line: UInt = #line,
                 _ condition: (String) throws -> Bool) throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        var last = ""
        while Date() < deadline {
            last = try screen()
            if try condition(last) { return last }
            Thread.sleep(forTimeInterval: 0.05)
        }
        XCTFail("timed out waiting for \(description); screen:\n\(last)", file: file, line: line)
        throw XCTSkip("stopped after a timeout")
    }

    /// Runs `tmux -L socket arguments` and returns its standard output. Spawned directly rather than
    /// with `Process`: the tmux server forked by the first call keeps the descriptors `Process`
    /// watches to see its child end, so it would wait for ever.
    @discardableResult
    private func run(_ arguments: [String], readsOutput: Bool = true) throws -> String {
        let outputPath = FileManager.default.temporaryDirectory.appendingPathComponent("faqbot-tmux-\(UUID().uuidString)").path
        defer { unlink(outputPath) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, readsOutput ? outputPath : "/dev/null", O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let argv = ([tmux, "-L", socket, "-f", "/dev/null"] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid = pid_t()
        guard posix_spawn(&pid, tmux, &actions, nil, argv, environ) == 0 else {
            throw CocoaError(.executableLoad)
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        guard readsOutput else { return "" }
        return (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
    }
}
