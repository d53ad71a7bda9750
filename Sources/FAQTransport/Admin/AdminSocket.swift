#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// The server's administration socket (`--admin-socket PATH`): a Unix-domain socket, mode 0600, served
/// by a thread of its own (never an event loop). A client sends one command line and reads the reply
/// until the server closes: `reload` reloads the knowledge (see `KnowledgeReloader`).
public final class AdminSocket: @unchecked Sendable {
    // @unchecked: `fd` and `path` are set once; the thread is joined in `close`.
    /// The socket's path.
    public let path: String
    private let fd: Int32
    private var thread: PosixThread?

    /// Binds `path` (0600) and starts serving: `handle` gets each command and returns the reply. A
    /// left-over socket file nobody listens on is replaced; a live one, or another kind of file, is an
    /// error.
    public init(path: String, handle: @escaping @Sendable (String) -> String) throws(StaffLogError) {
        self.path = path
        var address = try Self.address(path)
        var status = stat()
        if lstat(path, &status) == 0 {
            guard status.st_mode & S_IFMT == S_IFSOCK else {
                throw .malformed(path: path, line: 1, reason: "exists and is not a socket; choose another --admin-socket path")
            }
            if (try? Self.send("", to: path, timeout: 1)) != nil {
                throw .malformed(path: path, line: 1, reason: "another faqbot serve already listens on this admin socket")
            }
            unlink(path)
        }
        let socketFD: Int32
        do {
            socketFD = try systemCall("socket") { socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0) }.value
        } catch {
            throw .systemCall(path: path, error: error)
        }
        // Created 0600 from the start: no moment when others could connect.
        let previousMask = umask(0o177)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(socketFD, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        let bindError = errno
        umask(previousMask)
        guard bound == 0, Glibc.listen(socketFD, 8) == 0 else {
            let error = bound == 0 ? errno : bindError
            Glibc.close(socketFD)
            throw .systemCall(path: path, error: SystemCallError(call: bound == 0 ? "listen" : "bind", errno: error))
        }
        fd = socketFD
        do {
            thread = try PosixThread { [fd] in Self.serve(fd, handle: handle) }
        } catch {
            Glibc.close(socketFD)
            unlink(path)
            throw .systemCall(path: path, error: error)
        }
    }

    /// Stops serving and removes the socket file.
    public func close() {
        shutdown(fd, Int32(SHUT_RDWR))   // wakes the blocked accept
        thread?.join()
        thread = nil
        Glibc.close(fd)
        unlink(path)
    }

    private static func serve(_ listener: Int32, handle: @Sendable (String) -> String) {
        while true {
            let client = accept(listener, nil, nil)
            if client < 0 {
                if errno == EINTR || errno == ECONNABORTED { continue }
                return   // shut down
            }
            _ = fcntl(client, F_SETFD, FD_CLOEXEC)
            setTimeout(client, seconds: 5)
            let command = readLine(client)
            let reply = command.isEmpty ? "" : handle(command)
            try? writeAll(client, reply.isEmpty || reply.hasSuffix("\n") ? reply : reply + "\n")
            Glibc.close(client)
        }
    }

    /// Sends `command` to the server at `path`; returns its reply (everything until it closes).
    public static func send(_ command: String, to path: String, timeout: Double) throws(StaffLogError) -> String {
        var address = try Self.address(path)
        let client: Int32
        do {
            client = try systemCall("socket") { socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0) }.value
        } catch {
            throw .systemCall(path: path, error: error)
        }
        defer { Glibc.close(client) }
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(client, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        guard connected == 0 else { throw .systemCall(path: path, error: SystemCallError(call: "connect", errno: errno)) }
        setTimeout(client, seconds: timeout)
        do {
            if !command.isEmpty { try writeAll(client, command + "\n") }
            shutdown(client, Int32(SHUT_WR))
            return String(decoding: try JournalFiles.readAll(client), as: UTF8.self)
        } catch {
            throw .systemCall(path: path, error: error)
        }
    }

    /// The first line a client sends (at most 256 bytes), without its newline.
    private static func readLine(_ fd: Int32) -> String {
        var bytes: [UInt8] = []
        var byte: UInt8 = 0
        while bytes.count < 256 {
            let count = read(fd, &byte, 1)
            if count < 0 && errno == EINTR { continue }
            if count <= 0 || byte == UInt8(ascii: "\n") { break }
            bytes.append(byte)
        }
        return String(decoding: bytes, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    private static func setTimeout(_ fd: Int32, seconds: Double) {
        var value = timeval(tv_sec: Int(seconds), tv_usec: Int((seconds - Double(Int(seconds))) * 1_000_000))
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &value, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &value, socklen_t(MemoryLayout<timeval>.size))
    }

    private static func address(_ path: String) throws(StaffLogError) -> sockaddr_un {
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8)
        let capacity = MemoryLayout.size(ofValue: address.sun_path)
        guard !bytes.isEmpty, bytes.count < capacity else {
            throw .malformed(path: path, line: 1, reason: "an admin socket path must have 1 to \(capacity - 1) bytes")
        }
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            for (index, byte) in bytes.enumerated() { raw[index] = byte }
        }
        return address
    }
}
