import MetricStore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A metric name's UTF-8 bytes as a dictionary key. The aggregator stores owned keys and looks
/// names up with borrowed ones, straight from the datagram, so a known name costs one hash and
/// one compare instead of a `String`, a `MetricName` validation and a release.
struct NameKey: Hashable, @unchecked Sendable {  // Borrowed keys never outlive the lookup.
    private enum Storage {
        case owned([UInt8])
        case borrowed(UnsafeRawBufferPointer)
    }

    private let storage: Storage

    init(owning bytes: UnsafeRawBufferPointer) { storage = .owned(Array(bytes)) }

    /// Only for a lookup: the key must not be stored.
    init(borrowing bytes: UnsafeRawBufferPointer) { storage = .borrowed(bytes) }

    init(_ name: MetricName) { storage = .owned(Array(name.rawValue.utf8)) }

    private func withBytes<T>(_ body: (UnsafeRawBufferPointer) -> T) -> T {
        switch storage {
        case .owned(let bytes): bytes.withUnsafeBytes(body)
        case .borrowed(let bytes): body(bytes)
        }
    }

    func hash(into hasher: inout Hasher) {
        withBytes { hasher.combine(bytes: $0) }
    }

    static func == (left: NameKey, right: NameKey) -> Bool {
        left.withBytes { a in right.withBytes { b in a.count == b.count && (a.isEmpty || memcmp(a.baseAddress!, b.baseAddress!, a.count) == 0) } }
    }
}
