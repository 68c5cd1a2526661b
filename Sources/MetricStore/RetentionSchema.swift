import RRD

/// One tier of a retention schema: keep points at `resolution` for `duration` (both seconds).
public struct RetentionTier: Sendable, Equatable, CustomStringConvertible {
    public var resolution: Int
    public var duration: Int

    public init(resolution: Int, duration: Int) {
        self.resolution = resolution
        self.duration = duration
    }

    /// Parses carbon's notation, `10s:1d`.
    public init?(_ text: String) {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, let resolution = DurationText.seconds(String(parts[0])),
              let duration = DurationText.seconds(String(parts[1]))
        else { return nil }
        self.init(resolution: resolution, duration: duration)
    }

    public var rows: Int { (duration + resolution - 1) / resolution }
    public var description: String { "\(DurationText.format(resolution)):\(DurationText.format(duration))" }
}

/// How metrics whose names match `pattern` are stored: like carbon's storage-schemas, as RRD
/// archives. The first tier is the base step and keeps AVERAGE only (MIN and MAX of one point are
/// the same value); coarser tiers keep every consolidation in `consolidations`.
public struct RetentionSchema: Sendable, Equatable {
    public var name: String
    public var pattern: MetricPattern
    public var tiers: [RetentionTier]
    public var consolidations: [Consolidation]
    public var xff: Double
    /// Seconds without a value before the value becomes unknown.
    public var heartbeat: Int

    public init(name: String, pattern: MetricPattern, tiers: [RetentionTier],
                consolidations: [Consolidation] = [.average, .min, .max], xff: Double = 0.5, heartbeat: Int? = nil) {
        self.name = name
        self.pattern = pattern
        self.tiers = tiers
        self.consolidations = consolidations
        self.xff = xff
        self.heartbeat = heartbeat ?? 2 * (tiers.first?.resolution ?? 10)
    }

    /// The default: 10 s for a day (the wall screen and deploy correlation), 1 min for a week,
    /// 5 min for a month, 1 h for two years (capacity planning), about 917 KiB per metric.
    public static let standard = RetentionSchema(
        name: "default",
        pattern: try! MetricPattern("**"),
        tiers: [
            RetentionTier(resolution: 10, duration: 86_400),
            RetentionTier(resolution: 60, duration: 7 * 86_400),
            RetentionTier(resolution: 300, duration: 30 * 86_400),
            RetentionTier(resolution: 3_600, duration: 730 * 86_400),
        ]
    )

    public var step: Int { tiers.first?.resolution ?? 10 }

    /// Problems that would make librrd refuse or misread the layout, as sentences.
    public func problems() -> [String] {
        var problems: [String] = []
        guard let base = tiers.first else { return ["schema '\(name)' has no retention tiers; add e.g. '10s:1d'"] }
        for (index, tier) in tiers.enumerated() {
            if tier.resolution % base.resolution != 0 {
                problems.append("tier \(tier) of schema '\(name)': resolution must be a multiple of the base step \(DurationText.format(base.resolution))")
            }
            if tier.duration < tier.resolution {
                problems.append("tier \(tier) of schema '\(name)': keeps less than one point; make the duration longer than the resolution")
            }
            if index > 0, tier.resolution <= tiers[index - 1].resolution {
                problems.append("tier \(tier) of schema '\(name)': list tiers from finest to coarsest resolution")
            }
        }
        if !(0..<1).contains(xff) { problems.append("schema '\(name)': xff must be at least 0 and below 1") }
        if heartbeat < base.resolution { problems.append("schema '\(name)': heartbeat must be at least the step (\(DurationText.format(base.resolution)))") }
        if consolidations.isEmpty { problems.append("schema '\(name)': list at least one consolidation (AVERAGE, MIN, MAX, LAST)") }
        return problems
    }

    public func layout(for kind: MetricKind) -> RRDLayout {
        let source: DataSource
        switch kind {
        case .gauge: source = DataSource(type: .gauge, heartbeat: heartbeat)
        // DDERIVE: DERIVE that accepts decimals (a Prometheus histogram's _sum); min 0 makes a reset a gap.
        case .counter: source = DataSource(type: .dderive, heartbeat: heartbeat, min: 0)
        case .absolute: source = DataSource(type: .absolute, heartbeat: heartbeat, min: 0)
        }
        var archives: [Archive] = []
        for (index, tier) in tiers.enumerated() {
            let steps = tier.resolution / step
            let functions = index == 0 ? [Consolidation.average] : consolidations
            for function in functions {
                archives.append(Archive(function, xff: xff, stepsPerRow: steps, rows: tier.rows))
            }
        }
        return RRDLayout(step: step, sources: [source], archives: archives)
    }

    public var bytesPerMetric: Int { layout(for: .gauge).approximateFileSize }
}

/// Ordered retention schemas; the first whose pattern matches a name decides its layout.
public struct RetentionPolicy: Sendable, Equatable {
    public var schemas: [RetentionSchema]

    public init(_ schemas: [RetentionSchema] = [.standard]) {
        self.schemas = schemas
    }

    public func schema(for name: MetricName) -> RetentionSchema {
        schemas.first { $0.pattern.matches(name) } ?? .standard
    }
}
