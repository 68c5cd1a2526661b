import Foundation

/// One rrdcached, spoken to over its text protocol on a dedicated thread (the socket calls block,
/// bounded by `timeout`; the cooperative pool never waits on them). The connection is opened on
/// first use and after any failure, so a restarted rrdcached is picked up by the next call.
public final class RRDCachedClient: Sendable {
    public let address: RRDCachedAddress
    private let worker: WorkerThread
    private let connection: Connection

    public init(address: RRDCachedAddress, timeout: Duration = .seconds(10)) {
        self.address = address
        worker = WorkerThread(name: "rrdcached")
        connection = Connection(address: address, timeout: timeout)
    }

    /// A command rrdcached refused inside a BATCH, and its message.
    public struct Refusal: Sendable, Equatable {
        /// Index into the commands sent.
        public var index: Int
        public var message: String
    }

    public func ping() async throws(RRDCachedError) {
        _ = try await run { connection in try connection.command("PING") }
    }

    /// Creates the file unless it exists; true when it was created. rrdcached writes the file, so
    /// none of its cached points can be lost to a file replaced behind its back.
    public func create(_ path: String, layout: RRDLayout, start: Int) async throws(RRDCachedError) -> Bool {
        guard let line = RRDCachedProtocol.createLine(path, layout, start: start) else { throw .refused(path: path, message: "newline in path") }
        return try await run { connection in
            let (status, message, _) = try connection.command(line)
            if status >= 0 { return true }
            if message.contains("File exists") { return false }
            throw RRDCachedError.refused(path: path, message: message)
        }
    }

    /// The file's last update time as rrdcached knows it (its cache included).
    public func last(_ path: String) async throws(RRDCachedError) -> Int {
        guard let field = RRDCachedProtocol.field(path) else { throw .refused(path: path, message: "newline in path") }
        return try await run { connection in
            let (status, message, _) = try connection.command("LAST " + field)
            guard status >= 0 else { throw RRDCachedError.refused(path: path, message: message) }
            guard let time = Int(message) else { throw RRDCachedError.protocolError(connection.address.description, message) }
            return time
        }
    }

    /// Sends every file's points in one `BATCH`: one round trip for any number of files.
    public func update(_ updates: [(path: String, points: [RRDPoint])]) async throws(RRDCachedError) -> [Refusal] {
        let lines = updates.map { RRDCachedProtocol.updateLine($0.path, $0.points) ?? "UPDATE" }
        return try await run { connection in try connection.batch(lines) }
    }

    /// Writes the files' cached points to disk before a read, in one `BATCH`.
    public func flush(_ paths: [String]) async throws(RRDCachedError) -> [Refusal] {
        let lines = paths.map { RRDCachedProtocol.field($0).map { "FLUSH " + $0 } ?? "FLUSH" }
        return try await run { connection in try connection.batch(lines) }
    }

    /// Has rrdcached start writing everything it caches (returns at once, as rrdcached does).
    public func flushAll() async throws(RRDCachedError) {
        _ = try await run { connection in try connection.command("FLUSHALL") }
    }

    /// rrdcached's counters (`QueueLength`, `UpdatesReceived`, `UpdatesWritten`, ...).
    public func stats() async throws(RRDCachedError) -> [String: Int] {
        try await run { connection in
            let (_, _, lines) = try connection.command("STATS")
            var result: [String: Int] = [:]
            for line in lines {
                let parts = line.split(separator: ":", maxSplits: 1)
                if parts.count == 2, let value = Int(parts[1].trimmingCharacters(in: .whitespaces)) { result[String(parts[0])] = value }
            }
            return result
        }
    }

    private func run<T: Sendable>(_ body: @escaping @Sendable (Connection) throws -> T) async throws(RRDCachedError) -> T {
        let connection = self.connection
        do {
            return try await worker.run {
                do { return try body(connection) } catch let error as RRDCachedError {
                    if error.isTransient { connection.drop() }
                    throw error
                }
            }
        } catch let error as RRDCachedError {
            throw error
        } catch {
            throw .protocolError(address.description, "\(error)")
        }
    }
}

/// The socket and its commands; touched only on one thread (the client's, or librrd's for the
/// flushes before reads).
final class Connection: @unchecked Sendable {
    let address: RRDCachedAddress
    let timeout: Duration
    private var socket: RRDCachedSocket?

    init(address: RRDCachedAddress, timeout: Duration) {
        self.address = address
        self.timeout = timeout
    }

    func drop() { socket = nil }

    private func open() throws(RRDCachedError) -> RRDCachedSocket {
        if let socket { return socket }
        let opened = try RRDCachedSocket(address, timeout: timeout)
        socket = opened
        return opened
    }

    /// Sends one command and reads its status line and the lines that follow it.
    func command(_ line: String) throws(RRDCachedError) -> (Int, String, [String]) {
        let socket = try open()
        try socket.send(Array((line + "\n").utf8), address: address)
        return try answer(socket)
    }

    func batch(_ lines: [String]) throws(RRDCachedError) -> [RRDCachedClient.Refusal] {
        guard !lines.isEmpty else { return [] }
        let socket = try open()
        var bytes: [UInt8] = Array("BATCH\n".utf8)
        bytes.reserveCapacity(lines.reduce(16) { $0 + $1.utf8.count + 1 })
        for line in lines {
            bytes.append(contentsOf: line.utf8)
            bytes.append(UInt8(ascii: "\n"))
        }
        bytes.append(contentsOf: Array(".\n".utf8))
        try socket.send(bytes, address: address)
        let (started, message, _) = try answer(socket)
        guard started == 0 else { throw .protocolError(address.description, message) }
        let (_, _, errors) = try answer(socket)
        return try errors.map { line throws(RRDCachedError) in
            guard let (number, message) = RRDCachedProtocol.status(line), (1...lines.count).contains(number) else {
                throw .protocolError(address.description, line)
            }
            return RRDCachedClient.Refusal(index: number - 1, message: message)
        }
    }

    private func answer(_ socket: RRDCachedSocket) throws(RRDCachedError) -> (Int, String, [String]) {
        let line = try socket.readLine(address: address)
        guard let (status, message) = RRDCachedProtocol.status(line) else { throw .protocolError(address.description, line) }
        var lines: [String] = []
        if status > 0 { for _ in 0..<status { lines.append(try socket.readLine(address: address)) } }
        return (status, message, lines)
    }
}
