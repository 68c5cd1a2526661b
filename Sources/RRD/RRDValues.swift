/// One timestamped update: a value per data source, `nil` for unknown.
public struct RRDPoint: Sendable, Equatable {
    public var time: Int
    public var values: [Double?]

    public init(time: Int, values: [Double?]) {
        self.time = time
        self.values = values
    }

    public init(time: Int, value: Double?) {
        self.init(time: time, values: [value])
    }

    /// `time:v1:v2`, with `U` for unknown; an epoch integer, never an at-style string.
    var argument: String {
        var text = String(time)
        for value in values {
            text += ":"
            text += value.map(RRDNumber.format) ?? "U"
        }
        return text
    }
}

/// Rows fetched from one archive. Unknown values are `nil`.
public struct FetchResult: Sendable, Equatable {
    public var start: Int
    public var end: Int
    public var step: Int
    public var sourceNames: [String]
    /// The values row by row, one per source in each row: one array, not one per row (a day of
    /// 10 s rows is 8,640 of them).
    public var flat: [Double?]

    public init(start: Int, end: Int, step: Int, sourceNames: [String], flat: [Double?]) {
        (self.start, self.end, self.step, self.sourceNames, self.flat) = (start, end, step, sourceNames, flat)
    }

    public init(start: Int, end: Int, step: Int, sourceNames: [String], rows: [[Double?]]) {
        self.init(start: start, end: end, step: step, sourceNames: sourceNames, flat: rows.flatMap { $0 })
    }

    /// One row per step starting at `start + step`; each row has one value per source.
    public var rows: [[Double?]] {
        let width = max(sourceNames.count, 1)
        return stride(from: 0, to: flat.count, by: width).map { Array(flat[$0..<min($0 + width, flat.count)]) }
    }

    /// Timestamp of row `index` (librrd labels a row by its end).
    public func time(ofRow index: Int) -> Int { start + (index + 1) * step }

    /// The first source's values, for single-source files.
    public var values: [Double?] {
        sourceNames.count <= 1 ? flat : stride(from: 0, to: flat.count, by: sourceNames.count).map { flat[$0] }
    }
}

/// What `rrd_lastupdate` reports: the last update time and the last raw value per source.
public struct LastUpdate: Sendable, Equatable {
    public var time: Int
    public var values: [String: Double?]
}

/// The image (PNG, SVG or JSON bytes) and the other keys `rrd_graph_v` returns.
public struct GraphOutput: Sendable {
    public var image: [UInt8]
    public var info: RRDInfo
}

/// `rrd_info` output as Swift values.
public struct RRDInfo: Sendable {
    public enum Value: Sendable, Equatable {
        case number(Double)
        case count(UInt)
        case text(String)
        case integer(Int)
        case blob([UInt8])
    }

    public var entries: [String: Value]

    public subscript(key: String) -> Value? { entries[key] }

    public func number(_ key: String) -> Double? {
        switch entries[key] {
        case .number(let value): return value
        case .count(let value): return Double(value)
        case .integer(let value): return Double(value)
        default: return nil
        }
    }

    public func text(_ key: String) -> String? {
        if case .text(let value) = entries[key] { return value }
        return nil
    }
}
