/// A librrd call that failed, with librrd's own message.
public struct RRDError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// An update at or before the file's last update ("illegal attempt to update").
        case updateNotAfterLast
        /// The file does not exist.
        case noSuchFile
        /// Anything else librrd reported.
        case failed
    }

    public var kind: Kind
    public var operation: String
    public var path: String
    public var message: String

    public init(kind: Kind = .failed, operation: String, path: String, message: String) {
        self.kind = kind
        self.operation = operation
        self.path = path
        self.message = message
    }

    public var description: String {
        path.isEmpty ? "rrd \(operation): \(message)" : "rrd \(operation) \(path): \(message)"
    }

    static func classify(operation: String, path: String, message: String) -> RRDError {
        let kind: Kind
        if message.contains("illegal attempt to update") {
            kind = .updateNotAfterLast
        } else if message.contains("No such file") {
            kind = .noSuchFile
        } else {
            kind = .failed
        }
        return RRDError(kind: kind, operation: operation, path: path, message: message)
    }
}
