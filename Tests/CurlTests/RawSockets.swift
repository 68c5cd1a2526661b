import Glibc

/// A TCP socket bound to 127.0.0.1 on an ephemeral port.
private func boundSocket() -> (fd: Int32, port: Int) {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    precondition(fd >= 0, "socket() failed")
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    address.sin_port = 0
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    withUnsafeMutablePointer(to: &address) { pointer in
        pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { raw in
            precondition(bind(fd, raw, length) == 0, "bind() failed")
            precondition(getsockname(fd, raw, &length) == 0, "getsockname() failed")
        }
    }
    return (fd, Int(UInt16(bigEndian: address.sin_port)))
}

/// A port on 127.0.0.1 that nothing listens on: bound to learn a free port, then closed.
func refusedPort() -> Int {
    let (fd, port) = boundSocket()
    close(fd)
    return port
}

/// Listens (so the kernel completes TCP handshakes into the backlog) but never accepts or
/// answers: a server that hangs.
final class SilentServer: Sendable {
    let port: Int
    private let fd: Int32

    init() {
        let (fd, port) = boundSocket()
        precondition(listen(fd, 16) == 0, "listen() failed")
        self.fd = fd
        self.port = port
    }

    deinit {
        close(fd)
    }
}
