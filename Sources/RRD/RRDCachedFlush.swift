/// Flushes before reads, on the librrd thread: one connection per rrdcached, opened on first use
/// and after a failure. Our own protocol client rather than librrd's `rrdc_flush`: it has a
/// timeout, and it takes absolute paths over TCP (librrd's client refuses them for a remote daemon).
final class ReadFlusher: @unchecked Sendable {
    // Touched only on the librrd thread.
    private var connections: [String: Connection] = [:]

    /// Asks rrdcached to write the files' cached points. When it cannot be reached its cache is
    /// out of reach too, and the files still hold everything it wrote: the read goes on.
    @discardableResult
    func flush(_ paths: [String], at address: RRDCachedAddress) -> Bool {
        guard !paths.isEmpty else { return true }
        let key = address.description
        let connection = connections[key] ?? Connection(address: address, timeout: .seconds(5))
        connections[key] = connection
        let lines = paths.compactMap { RRDCachedProtocol.field($0).map { "FLUSH " + $0 } }
        do {
            _ = try connection.batch(lines)
            return true
        } catch {
            connection.drop()
            return false
        }
    }

    /// The file paths of a graph's `DEF:vname=PATH:ds:CF` arguments (`\:` unescaped).
    static func definitionPaths(_ arguments: [String]) -> [String] {
        arguments.compactMap { argument in
            guard argument.hasPrefix("DEF:"), let equals = argument.firstIndex(of: "=") else { return nil }
            var path = ""
            var escaped = false
            for character in argument[argument.index(after: equals)...] {
                if escaped { path.append(character); escaped = false; continue }
                if character == "\\" { escaped = true; continue }
                if character == ":" { break }
                path.append(character)
            }
            return path
        }
    }
}
