/// One batch in a buffer segment: a 16-byte header (magic, payload length, sample count, CRC-32
/// of the payload) and the payload. The checksum finds a record half-written when the agent died.
struct SpoolRecord: Equatable {
    static let magic: [UInt8] = Array("MREC".utf8)
    static let headerSize = 16

    var payload: [UInt8]
    var samples: Int

    var size: Int { Self.headerSize + payload.count }

    func encoded() -> [UInt8] {
        var bytes = Self.magic
        bytes.reserveCapacity(size)
        for field in [UInt32(payload.count), UInt32(clamping: samples), CRC32.checksum(payload)] {
            withUnsafeBytes(of: field.littleEndian) { bytes.append(contentsOf: $0) }
        }
        return bytes + payload
    }

    enum Parse: Equatable {
        case record(SpoolRecord)
        /// Nothing more to read.
        case end
        /// Bytes that are not a whole, intact record: the tail a crash left behind.
        case torn(bytes: Int)
    }

    /// The record starting at `offset` in a segment's bytes.
    static func parse(_ bytes: [UInt8], at offset: Int) -> Parse {
        let rest = bytes.count - offset
        guard rest > 0 else { return .end }
        guard rest >= headerSize, Array(bytes[offset..<offset + 4]) == magic else { return .torn(bytes: rest) }
        let length = Int(field(bytes, offset + 4)), samples = Int(field(bytes, offset + 8)), crc = field(bytes, offset + 12)
        guard length <= rest - headerSize else { return .torn(bytes: rest) }
        let payload = Array(bytes[offset + headerSize..<offset + headerSize + length])
        guard CRC32.checksum(payload) == crc else { return .torn(bytes: rest) }
        return .record(SpoolRecord(payload: payload, samples: samples))
    }

    private static func field(_ bytes: [UInt8], _ at: Int) -> UInt32 {
        (0..<4).reduce(UInt32(0)) { $0 | UInt32(bytes[at + $1]) << (8 * $1) }
    }
}

/// CRC-32 (IEEE), as zlib computes it.
enum CRC32 {
    private static let table: [UInt32] = (0..<256).map { index in
        (0..<8).reduce(UInt32(index)) { crc, _ in crc & 1 == 1 ? 0xEDB8_8320 ^ (crc >> 1) : crc >> 1 }
    }

    static func checksum(_ bytes: [UInt8]) -> UInt32 {
        ~bytes.reduce(~UInt32(0)) { crc, byte in table[Int((crc ^ UInt32(byte)) & 0xFF)] ^ (crc >> 8) }
    }
}
