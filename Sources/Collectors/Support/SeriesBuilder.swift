import CollectorCore
import MetricStore

/// Collects the series and values of one collection under a name prefix, skipping (and
/// remembering) any name that would not be valid.
struct SeriesBuilder {
    let time: Int
    private(set) var specs: [SeriesSpec] = []
    private(set) var samples: [Sample] = []

    init(time: Int) { self.time = time }

    mutating func add(_ name: String, _ kind: MetricKind, _ value: Double, unit: String = "", min: Double? = 0, max: Double? = nil) {
        guard let metric = try? MetricName(name) else { return }
        let spec = SeriesSpec(name: metric, kind: kind, unit: unit, min: min, max: max)
        specs.append(spec)
        samples.append(spec.sample(value, at: time))
    }

    mutating func gauge(_ name: String, _ value: Double?, unit: String = "", min: Double? = 0, max: Double? = nil) {
        guard let value else { return }
        add(name, .gauge, value, unit: unit, min: min, max: max)
    }

    mutating func counter(_ name: String, _ value: UInt64?, unit: String = "") {
        guard let value else { return }
        add(name, .counter, Double(value), unit: unit)
    }

    mutating func counter(_ name: String, _ value: Int64?, unit: String = "") {
        guard let value, value >= 0 else { return }
        add(name, .counter, Double(value), unit: unit)
    }
}

extension SeriesBuilder {
    static func spec(_ name: String, _ kind: MetricKind, unit: String = "", min: Double? = 0, max: Double? = nil) -> SeriesSpec? {
        guard let metric = try? MetricName(name) else { return nil }
        return SeriesSpec(name: metric, kind: kind, unit: unit, min: min, max: max)
    }
}
