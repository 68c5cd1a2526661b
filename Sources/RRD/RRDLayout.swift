/// How a round-robin database is laid out: its base step, data sources and archives.
/// Mirrors `rrdcreate(1)`; values here are validated before they become librrd arguments.

public enum DataSourceType: String, Sendable, CaseIterable, Codable {
    case gauge = "GAUGE"
    case counter = "COUNTER"
    case derive = "DERIVE"
    case absolute = "ABSOLUTE"
    /// COUNTER and DERIVE that also accept decimal values (librrd 1.5 and later).
    case dcounter = "DCOUNTER"
    case dderive = "DDERIVE"
}

public enum Consolidation: String, Sendable, CaseIterable, Codable {
    case average = "AVERAGE"
    case min = "MIN"
    case max = "MAX"
    case last = "LAST"
}

public struct DataSource: Sendable, Equatable {
    /// librrd allows `[A-Za-z0-9_]{1,19}`; we only ever generate internal names such as `value`.
    public var name: String
    public var type: DataSourceType
    /// Seconds without an update after which the value becomes unknown.
    public var heartbeat: Int
    public var min: Double?
    public var max: Double?

    public init(name: String = "value", type: DataSourceType, heartbeat: Int, min: Double? = nil, max: Double? = nil) {
        self.name = name
        self.type = type
        self.heartbeat = heartbeat
        self.min = min
        self.max = max
    }

    var argument: String {
        "DS:\(name):\(type.rawValue):\(heartbeat):\(Self.bound(min)):\(Self.bound(max))"
    }

    private static func bound(_ value: Double?) -> String {
        guard let value, value.isFinite else { return "U" }
        return RRDNumber.format(value)
    }
}

public struct Archive: Sendable, Equatable {
    public var consolidation: Consolidation
    /// Fraction of unknown primary points still allowed in one consolidated row.
    public var xff: Double
    /// Primary data points per row.
    public var stepsPerRow: Int
    public var rows: Int

    public init(_ consolidation: Consolidation, xff: Double = 0.5, stepsPerRow: Int, rows: Int) {
        self.consolidation = consolidation
        self.xff = xff
        self.stepsPerRow = stepsPerRow
        self.rows = rows
    }

    var argument: String {
        "RRA:\(consolidation.rawValue):\(RRDNumber.format(xff)):\(stepsPerRow):\(rows)"
    }
}

public struct RRDLayout: Sendable, Equatable {
    public var step: Int
    public var sources: [DataSource]
    public var archives: [Archive]

    public init(step: Int, sources: [DataSource], archives: [Archive]) {
        self.step = step
        self.sources = sources
        self.archives = archives
    }

    /// Bytes on disk, close to what librrd allocates: 8 bytes per row and source, plus headers.
    public var approximateFileSize: Int {
        let rows = archives.reduce(0) { $0 + $1.rows }
        return rows * sources.count * 8 + 1_024 + archives.count * 200 + sources.count * 200
    }

    var arguments: [String] { sources.map(\.argument) + archives.map(\.argument) }
}

/// Numbers as librrd parses them: plain decimal, `U` for unknown.
enum RRDNumber {
    static func format(_ value: Double) -> String {
        guard value.isFinite else { return "U" }
        // Whole numbers as integers: COUNTER and DERIVE refuse anything else ("not a simple integer").
        if value == value.rounded(), abs(value) < 9.2e18 { return String(Int64(value)) }
        return "\(value)"
    }
}
