#if canImport(Glibc)
import Glibc
#endif
import CSystemLinux

/// TCP socket calls on IPv4, all through `systemCall`; descriptors are non-blocking and close-on-exec.
public enum Socket {
    /// Parses a dotted IPv4 address ("127.0.0.1", "0.0.0.0"; "localhost" is taken as 127.0.0.1).
    public static func address(host: String, port: Int) -> sockaddr_in? {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(truncatingIfNeeded: port).bigEndian)
        let name = host == "localhost" ? "127.0.0.1" : host
        guard inet_pton(AF_INET, name, &address.sin_addr) == 1 else { return nil }
        return address
    }

    /// Opens a listening socket with SO_REUSEADDR; returns it and the port it is bound to
    /// (the kernel's choice when `address` has port 0).
    public static func listen(_ address: sockaddr_in, backlog: Int32) throws(SystemCallError) -> (fd: Int32, port: Int) {
        let fd = try openStream()
        do {
            var one: Int32 = 1
            try systemCall("setsockopt(SO_REUSEADDR)") {
                setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
            }
            var bound = address
            try systemCall("bind") {
                withUnsafePointer(to: &bound) {
                    $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                        bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
                    }
                }
            }
            try systemCall("listen") { Glibc.listen(fd, backlog) }
            return (fd, try localPort(fd))
        } catch {
            Glibc.close(fd)
            throw error
        }
    }

    /// The local port a socket is bound to.
    public static func localPort(_ fd: Int32) throws(SystemCallError) -> Int {
        var local = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        try systemCall("getsockname") {
            withUnsafeMutablePointer(to: &local) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
            }
        }
        return Int(UInt16(bigEndian: local.sin_port))
    }

    /// Accepts one pending connection as a non-blocking, close-on-exec descriptor.
    public static func accept(_ listener: Int32) throws(SystemCallError) -> IOResult<Int32> {
        try systemCall("accept4") {
            csystem_accept4(listener, Int32(SOCK_NONBLOCK.rawValue) | Int32(SOCK_CLOEXEC.rawValue))
        }
    }

    /// Connects to `address`, blocking until connected; returns a blocking descriptor.
    public static func connect(_ address: sockaddr_in) throws(SystemCallError) -> Int32 {
        let fd = try systemCall("socket") {
            Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        }.value
        var target = address
        do {
            try systemCall("connect") {
                withUnsafePointer(to: &target) {
                    $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                        Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
                    }
                }
            }
        } catch {
            Glibc.close(fd)
            throw error
        }
        return fd
    }

    /// The IPv4 address of the peer of a connected socket (network byte order), or nil.
    public static func peerAddress(_ fd: Int32) -> UInt32? {
        var peer = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let result = try? systemCall("getpeername") {
            withUnsafeMutablePointer(to: &peer) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getpeername(fd, $0, &length) }
            }
        }
        guard result != nil, peer.sin_family == sa_family_t(AF_INET) else { return nil }
        return peer.sin_addr.s_addr
    }

    /// Reads into `buffer`; `.done(0)` is end of input.
    public static func receive(_ fd: Int32, into buffer: UnsafeMutableRawBufferPointer) throws(SystemCallError) -> IOResult<Int> {
        try systemCall("recv") { recv(fd, buffer.baseAddress, buffer.count, 0) }
    }

    /// Sends bytes without ever raising SIGPIPE; returns how many were taken.
    public static func send(_ fd: Int32, _ bytes: UnsafeRawBufferPointer) throws(SystemCallError) -> IOResult<Int> {
        try systemCall("send") { Glibc.send(fd, bytes.baseAddress, bytes.count, Int32(MSG_NOSIGNAL)) }
    }

    /// Ends our direction of the stream (the peer reads end of input after what was sent).
    public static func shutdownOutput(_ fd: Int32) {
        _ = try? systemCall("shutdown") { Glibc.shutdown(fd, Int32(SHUT_WR)) }
    }

    /// Turns off Nagle's algorithm: replies leave at once.
    public static func setNoDelay(_ fd: Int32) {
        var one: Int32 = 1
        _ = try? systemCall("setsockopt(TCP_NODELAY)") {
            setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
        }
    }

    /// Makes a descriptor non-blocking.
    public static func setNonBlocking(_ fd: Int32) throws(SystemCallError) {
        let flags = try systemCall("fcntl(F_GETFL)") { fcntl(fd, F_GETFL) }.value
        try systemCall("fcntl(F_SETFL)") { fcntl(fd, F_SETFL, flags | O_NONBLOCK) }
    }

    /// Closes a descriptor. Errors are ignored: on Linux the descriptor is released either way.
    public static func close(_ fd: Int32) {
        _ = Glibc.close(fd)
    }

    private static func openStream() throws(SystemCallError) -> Int32 {
        try systemCall("socket") {
            Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        }.value
    }
}

extension IOResult {
    /// The value of a call that cannot return `.wouldBlock` (a blocking or non-I/O call).
    public var value: Value {
        switch self {
        case .done(let value): return value
        case .wouldBlock: preconditionFailure("a blocking call reported EAGAIN")
        }
    }
}
