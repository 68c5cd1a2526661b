/// What a metric name means, given the TYPE lines seen so far.
struct NameInfo {
    /// Which extra label the sample must carry.
    enum Role { case plain, bucket, quantile }

    /// Where this name was first read; later samples compare their name bytes against it.
    var start: Int
    var end: Int
    var name: String
    var family: String
    var type: MetricType
    var role: Role
    /// Whether the family is already in the parser's families-with-samples set.
    var recorded = false

    /// Matches no name: its byte range has a negative length.
    static let none = NameInfo(start: 0, end: -1, name: "", family: "", type: .untyped, role: .plain)
}

/// Maps a sample name to its family (text format 0.0.4 and the OpenMetrics counter style).
///
/// An exact TYPE for the name wins. Otherwise a suffix names a declared shorter family:
/// `_bucket` (histogram), `_sum`/`_count` (histogram, summary), `_total` (counter) and
/// `_created` (counter, histogram, summary). Anything else is its own untyped family.
enum Family {
    static func resolve(
        _ buf: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, types: [String: MetricType]
    ) -> NameInfo {
        let name = String(decoding: buf.slice(start, end), as: UTF8.self)
        func info(_ family: String, _ type: MetricType, _ role: NameInfo.Role) -> NameInfo {
            NameInfo(start: start, end: end, name: name, family: family, type: type, role: role)
        }
        if let type = types[name] { return info(name, type, type == .summary ? .quantile : .plain) }
        if types.isEmpty { return info(name, .untyped, .plain) }

        func base(ifSuffix suffix: StaticString) -> String? {
            let cut = end - suffix.utf8CodeUnitCount
            guard cut > start, buf.bytesEqual(cut, end, suffix) else { return nil }
            return String(decoding: buf.slice(start, cut), as: UTF8.self)
        }
        if let family = base(ifSuffix: "_bucket"), types[family] == .histogram {
            return info(family, .histogram, .bucket)
        }
        for suffix: StaticString in ["_sum", "_count"] {
            if let family = base(ifSuffix: suffix), let type = types[family], type == .histogram || type == .summary {
                return info(family, type, .plain)
            }
        }
        if let family = base(ifSuffix: "_total"), types[family] == .counter {
            return info(family, .counter, .plain)
        }
        if let family = base(ifSuffix: "_created"), let type = types[family], type != .gauge && type != .untyped {
            return info(family, type, .plain)
        }
        return info(name, .untyped, .plain)
    }

    /// Sample names that `resolve` would put in a family of `type`, besides the family name.
    static func suffixes(of type: MetricType) -> [String] {
        switch type {
        case .histogram: ["_bucket", "_sum", "_count", "_created"]
        case .summary: ["_sum", "_count", "_created"]
        case .counter: ["_total", "_created"]
        case .gauge, .untyped: []
        }
    }
}
