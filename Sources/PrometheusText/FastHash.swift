/// A small seeded 64-bit hash of byte strings in the style of wyhash (multiply-fold of 8-byte
/// words). Swift's `Hasher` (SipHash) cost a quarter of the parse time for series keys; this
/// needs only to spread well, because equal hashes are always confirmed by comparison.
enum FastHash {
    static let p0: UInt64 = 0xA076_1D64_78BD_642F
    static let p1: UInt64 = 0xE703_7ED1_A0B4_28DB
    static let p2: UInt64 = 0x8EBC_6AF0_9C88_C6E3

    @inline(__always) static func mix(_ a: UInt64, _ b: UInt64) -> UInt64 {
        let r = a.multipliedFullWidth(by: b)
        return r.high ^ r.low
    }

    @inline(__always) static func hash(_ bytes: UnsafeBufferPointer<UInt8>, seed: UInt64) -> UInt64 {
        let n = bytes.count
        var h = seed ^ mix(UInt64(truncatingIfNeeded: n) ^ p0, p1)
        guard let base = bytes.baseAddress else { return mix(h, p2) }
        let raw = UnsafeRawPointer(base)
        var i = 0
        while i &+ 8 <= n {
            let word = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: i, as: UInt64.self))
            h = mix(h ^ word, p0)
            i &+= 8
        }
        if i < n {
            var tail: UInt64 = 0
            var shift: UInt64 = 0
            while i < n {
                tail |= UInt64(base[i]) << shift
                shift &+= 8
                i &+= 1
            }
            h = mix(h ^ tail, p1)
        }
        return mix(h, p2)
    }
}
