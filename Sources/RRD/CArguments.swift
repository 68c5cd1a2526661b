import Foundation

/// A C `argv` built from Swift strings, owned by this value and freed when it goes away.
/// librrd permutes argv in place (getopt), so each call gets a fresh one.
final class CArguments {
    private(set) var pointers: [UnsafeMutablePointer<CChar>?]

    init(_ arguments: [String]) {
        // NULL-terminated, as getopt expects.
        pointers = arguments.map { strdup($0) } + [nil]
    }

    var count: Int32 { Int32(pointers.count - 1) }

    /// Calls `body` with `const char **` as librrd declares it.
    func withConstArgv<T>(_ body: (UnsafeMutablePointer<UnsafePointer<CChar>?>) throws -> T) rethrows -> T {
        var constPointers = pointers.map { UnsafePointer($0) }
        return try constPointers.withUnsafeMutableBufferPointer { try body($0.baseAddress!) }
    }

    /// Calls `body` with `char **`.
    func withArgv<T>(_ body: (UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) throws -> T) rethrows -> T {
        var copy = pointers
        return try copy.withUnsafeMutableBufferPointer { try body($0.baseAddress!) }
    }

    deinit {
        for pointer in pointers { free(pointer) }
    }
}
