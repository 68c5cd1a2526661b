/// Finds repeated series (same name, same label set in any order) among the kept samples.
///
/// An open-addressing table keyed by a 64-bit hash that is order-independent (a sum of
/// per-label hashes), so labels need no sorting. Equal hashes are always confirmed by
/// comparing the samples, so a collision can never drop a sample wrongly; the seed is random
/// per parse, so colliding input cannot be precomputed. Grows only with kept samples.
struct SeriesIndex {
    private struct Slot {
        var hash: UInt64 = 0
        /// Index into the kept samples; -1 marks an empty slot.
        var sample = -1
        var line = 0
    }
    private var slots: [Slot]
    private var mask: Int
    private var count = 0

    let seed = UInt64.random(in: .min ... .max)

    init(capacity: Int) {
        // Load factor at most 1/2.
        var size = 16
        while size < 2 * capacity { size <<= 1 }
        slots = Array(repeating: Slot(), count: size)
        mask = size - 1
    }

    /// Hash of one label; `0xFF` never occurs in UTF-8, so name and value cannot run together.
    @inline(__always)
    static func labelHash(name: UnsafeBufferPointer<UInt8>, value: UnsafeBufferPointer<UInt8>, seed: UInt64) -> UInt64 {
        FastHash.mix(FastHash.hash(name, seed: seed) ^ 0xFF, FastHash.hash(value, seed: seed ^ FastHash.p1))
    }

    @inline(__always)
    func seriesHash(name: UnsafeBufferPointer<UInt8>, labelSum: UInt64) -> UInt64 {
        FastHash.mix(FastHash.hash(name, seed: seed) ^ labelSum, FastHash.p2)
    }

    /// The line of the kept series equal to `sample`, if there is one.
    func firstLine(of sample: Sample, hash: UInt64, in samples: [Sample]) -> Int? {
        var i = Int(truncatingIfNeeded: hash) & mask
        while slots[i].sample >= 0 {
            if slots[i].hash == hash, Self.sameSeries(samples[slots[i].sample], sample) { return slots[i].line }
            i = (i &+ 1) & mask
        }
        return nil
    }

    /// Records `samples[index]`, which `firstLine(of:hash:in:)` found new.
    mutating func add(hash: UInt64, index: Int, line: Int) {
        if 2 * (count + 1) > slots.count { grow() }
        var i = Int(truncatingIfNeeded: hash) & mask
        while slots[i].sample >= 0 { i = (i &+ 1) & mask }
        slots[i] = Slot(hash: hash, sample: index, line: line)
        count += 1
    }

    private mutating func grow() {
        let old = slots
        slots = Array(repeating: Slot(), count: old.count * 2)
        mask = slots.count - 1
        for slot in old where slot.sample >= 0 {
            var i = Int(truncatingIfNeeded: slot.hash) & mask
            while slots[i].sample >= 0 { i = (i &+ 1) & mask }
            slots[i] = slot
        }
    }

    /// Byte-wise (not Unicode-canonical) equality, as Prometheus compares label values.
    static func sameSeries(_ a: Sample, _ b: Sample) -> Bool {
        guard a.labels.count == b.labels.count, a.name.utf8.elementsEqual(b.name.utf8) else { return false }
        // Names are unique within a set, so "every label of a is in b" means equal sets.
        if a.labels.count <= 16 {
            return a.labels.allSatisfy { la in
                b.labels.contains { lb in
                    la.name.utf8.elementsEqual(lb.name.utf8) && la.value.utf8.elementsEqual(lb.value.utf8)
                }
            }
        }
        var byName: [String: String] = [:]
        for l in b.labels { byName[l.name] = l.value }
        return a.labels.allSatisfy { la in byName[la.name].map { $0.utf8.elementsEqual(la.value.utf8) } ?? false }
    }
}
