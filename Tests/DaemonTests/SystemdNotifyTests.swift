import Foundation
import Testing
import TestSupport
#if canImport(Glibc)
import Glibc
#endif

/// A datagram socket standing in for systemd's notify socket.
final class NotifySocket: @unchecked Sendable {
    let path: String
    let fd: Int32

    init(path: String) throws {
        self.path = path
        fd = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue), 0)
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: Array(path.utf8)) }
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        #expect(bound == 0)
        var timeout = timeval(tv_sec: 0, tv_usec: 100_000)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    }

    /// Messages received within `seconds`, or until one contains `text`.
    func receive(until text: String, seconds: Double) -> [String] {
        var messages: [String] = []
        let deadline = Date().addingTimeInterval(seconds)
        var buffer = [UInt8](repeating: 0, count: 4_096)
        while Date() < deadline {
            let count = recv(fd, &buffer, buffer.count, 0)
            if count > 0 {
                messages.append(String(decoding: buffer[0..<count], as: UTF8.self))
                if messages.last!.contains(text) { break }
            }
        }
        return messages
    }

    deinit {
        close(fd)
        unlink(path)
    }
}

@Suite struct SystemdNotifyTests {
    let directory = TemporaryDirectory()

    @Test func tellsSystemdWhenReadyAndWhenStopping() async throws {
        let socket = try NotifySocket(path: directory.path + "/notify.sock")
        let daemon = try DaemonProcess(["serve", "--listen", "127.0.0.1:0", "--data-dir", "data", "--config", quietConfig(in: directory.path)], directory: directory.path,
                                       environment: ["NOTIFY_SOCKET": socket.path])
        _ = try await daemon.waitForPort()
        let ready = socket.receive(until: "READY=1", seconds: 5)
        #expect(ready.contains { $0.hasPrefix("READY=1") && $0.contains("STATUS=listening on 127.0.0.1:") }, "\(ready)")
        daemon.signal(SIGTERM)
        #expect(try await daemon.waitForExit() == 0)
        #expect(socket.receive(until: "STOPPING=1", seconds: 5).contains("STOPPING=1"))
    }
}
