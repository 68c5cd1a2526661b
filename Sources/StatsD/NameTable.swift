#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Entry numbers by metric name bytes: an open-addressing table over one byte arena. The
/// aggregator looks names up straight from the datagram, so a known name costs one digest and
/// one compare instead of a `String`, a `MetricName` validation, a SipHash and a release. The
/// digest is seeded per process, so names cannot be chosen to collide.
struct NameTable: Sendable {
    /// Entry number per slot, -1 when empty; at most half full.
    private var slots = [Int32](repeating: -1, count: 16)
    /// Each key's digest, by entry number.
    private var digests: [Int] = []
    /// Each key's bytes in `arena`, by entry number.
    private var spans: [(offset: Int, count: Int)] = []
    private var arena: [UInt8] = []

    var count: Int { spans.count }

    /// The entry number of `name`, if it was inserted.
    func find(_ name: UnsafeRawBufferPointer) -> Int? {
        find(name, digest: Self.digest(name))
    }

    /// Adds `name` (not yet present) as entry number `count`.
    mutating func insert(_ name: UnsafeRawBufferPointer) {
        if (count + 1) * 2 > slots.count { grow() }
        let digest = Self.digest(name)
        place(Int32(count), digest: digest)
        digests.append(digest)
        spans.append((arena.count, name.count))
        arena.append(contentsOf: name)
    }

    /// The names of the entry numbers in `kept`, in that order (renumbered from 0).
    func keeping(_ kept: [Int]) -> NameTable {
        var table = NameTable()
        arena.withUnsafeBytes { arena in
            for number in kept {
                table.insert(UnsafeRawBufferPointer(rebasing: arena[spans[number].offset..<spans[number].offset + spans[number].count]))
            }
        }
        return table
    }

    private func find(_ name: UnsafeRawBufferPointer, digest: Int) -> Int? {
        let mask = slots.count - 1
        var slot = digest & mask
        return arena.withUnsafeBytes { arena in
            while slots[slot] >= 0 {
                let number = Int(slots[slot])
                if digests[number] == digest, spans[number].count == name.count,
                   name.isEmpty || memcmp(arena.baseAddress! + spans[number].offset, name.baseAddress!, name.count) == 0 {
                    return number
                }
                slot = (slot + 1) & mask
            }
            return nil
        }
    }

    private mutating func place(_ number: Int32, digest: Int) {
        let mask = slots.count - 1
        var slot = digest & mask
        while slots[slot] >= 0 { slot = (slot + 1) & mask }
        slots[slot] = number
    }

    private mutating func grow() {
        slots = [Int32](repeating: -1, count: slots.count * 2)
        for number in digests.indices { place(Int32(number), digest: digests[number]) }
    }

    private static let seed = UInt64.random(in: .min ... .max)

    /// Eight bytes at a time, each word mixed by SplitMix64's finalizer.
    static func digest(_ bytes: UnsafeRawBufferPointer) -> Int {
        var state = seed ^ (UInt64(bytes.count) &* 0x9E37_79B9_7F4A_7C15)
        var offset = 0
        while offset + 8 <= bytes.count {
            state = mix(state ^ bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
            offset += 8
        }
        var tail: UInt64 = 0
        for index in offset..<bytes.count { tail |= UInt64(bytes[index]) << (8 * UInt64(index - offset)) }
        return Int(truncatingIfNeeded: mix(state ^ tail))
    }

    private static func mix(_ value: UInt64) -> UInt64 {
        var z = value &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
