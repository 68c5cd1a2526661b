import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// One blocking stream connection to rrdcached, with send and receive timeouts so that a hung
/// daemon cannot hold the caller's thread for ever. Used only on the client's own thread.
final class RRDCachedSocket {
    private var descriptor: Int32
    private var buffer: [UInt8] = []
    private var readPosition = 0

    init(_ address: RRDCachedAddress, timeout: Duration) throws(RRDCachedError) {
        descriptor = -1
        switch address.endpoint {
        case .unix(let path):
            descriptor = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
            guard descriptor >= 0 else { throw Self.failure(address, "socket") }
            Self.setTimeouts(descriptor, timeout)
            var socketAddress = sockaddr_un()
            socketAddress.sun_family = sa_family_t(AF_UNIX)
            withUnsafeMutableBytes(of: &socketAddress.sun_path) { raw in
                for (index, byte) in path.utf8.prefix(raw.count - 1).enumerated() { raw[index] = byte }
            }
            let result = withUnsafePointer(to: &socketAddress) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
            }
            guard result == 0 else { defer { close(descriptor) }; throw Self.failure(address, "connect") }
        case .tcp(let host, let port):
            var hints = addrinfo()
            hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
            var list: UnsafeMutablePointer<addrinfo>?
            let status = getaddrinfo(host, String(port), &hints, &list)
            guard status == 0, let first = list else {
                throw .unreachable(address.description, "cannot resolve \(host): \(String(cString: gai_strerror(status)))")
            }
            defer { freeaddrinfo(list) }
            var lastError = RRDCachedError.unreachable(address.description, "no address for \(host)")
            var entry: UnsafeMutablePointer<addrinfo>? = first
            while let current = entry {
                let candidate = socket(current.pointee.ai_family, current.pointee.ai_socktype, current.pointee.ai_protocol)
                if candidate >= 0 {
                    Self.setTimeouts(candidate, timeout)  // on Linux SO_SNDTIMEO also bounds connect
                    if connect(candidate, current.pointee.ai_addr, current.pointee.ai_addrlen) == 0 {
                        var one: Int32 = 1
                        setsockopt(candidate, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
                        descriptor = candidate
                        return
                    }
                    lastError = Self.failure(address, "connect")
                    close(candidate)
                }
                entry = current.pointee.ai_next
            }
            throw lastError
        }
    }

    deinit { if descriptor >= 0 { close(descriptor) } }

    func send(_ bytes: [UInt8], address: RRDCachedAddress) throws(RRDCachedError) {
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { raw in
                Glibc.send(descriptor, raw.baseAddress! + offset, raw.count - offset, Int32(MSG_NOSIGNAL))
            }
            if written < 0, errno == EINTR { continue }
            guard written > 0 else { throw Self.failure(address, "send") }
            offset += written
        }
    }

    /// The next line without its newline; rrdcached's answers are short ASCII lines.
    func readLine(address: RRDCachedAddress) throws(RRDCachedError) -> String {
        while true {
            if let newline = buffer[readPosition...].firstIndex(of: UInt8(ascii: "\n")) {
                let line = String(decoding: buffer[readPosition..<newline], as: UTF8.self)
                readPosition = newline + 1
                if readPosition == buffer.count { buffer.removeAll(keepingCapacity: true); readPosition = 0 }
                return line
            }
            var chunk = [UInt8](repeating: 0, count: 65_536)
            let count = chunk.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
            if count < 0, errno == EINTR { continue }
            guard count > 0 else {
                throw count == 0 ? .unreachable(address.description, "rrdcached closed the connection") : Self.failure(address, "receive")
            }
            buffer.append(contentsOf: chunk[..<count])
        }
    }

    private static func setTimeouts(_ descriptor: Int32, _ timeout: Duration) {
        let (seconds, attoseconds) = timeout.components
        var value = timeval(tv_sec: Int(seconds), tv_usec: Int(attoseconds / 1_000_000_000_000))
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &value, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(descriptor, SOL_SOCKET, SO_SNDTIMEO, &value, socklen_t(MemoryLayout<timeval>.size))
    }

    private static func failure(_ address: RRDCachedAddress, _ call: String) -> RRDCachedError {
        let code = errno
        if code == EAGAIN || code == EWOULDBLOCK || code == EINPROGRESS { return .timedOut(address.description, call) }
        return .unreachable(address.description, "\(call): \(String(cString: strerror(code)))")
    }
}
