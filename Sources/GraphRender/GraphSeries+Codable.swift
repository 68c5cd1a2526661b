import MetricStore
import RRD

/// `{"metric": "host.load.1", "cf": "AVERAGE", "style": "line", "width": 2, "stack": false,
/// "color": "#FF0000", "legend": "load", "band": false, "lastWeek": false}`; only `metric` is required.
/// An aggregate adds `"aggregate": "sum"` and `"members": [...]` (the metrics it combines).
extension GraphSeries: Codable {
    private enum CodingKeys: String, CodingKey {
        case metric, cf, style, width, stack, color, legend, band, lastWeek, aggregate, members
    }

    public init(from decoder: any Decoder) throws {
        let keys = try decoder.container(keyedBy: CodingKeys.self)
        let text = try keys.decode(String.self, forKey: .metric)
        let metric: MetricName
        do { metric = try MetricName(text) } catch {
            throw DecodingError.dataCorruptedError(forKey: .metric, in: keys, debugDescription: error.description)
        }
        let style: Style
        switch try keys.decodeIfPresent(String.self, forKey: .style) ?? "line" {
        case "line": style = .line(width: try keys.decodeIfPresent(Double.self, forKey: .width) ?? 2)
        case "area": style = .area
        case let other:
            throw DecodingError.dataCorruptedError(forKey: .style, in: keys, debugDescription: "style '\(other.prefix(20))' is not 'line' or 'area'")
        }
        self.init(
            metric: metric,
            consolidation: try keys.decodeIfPresent(Consolidation.self, forKey: .cf) ?? .average,
            style: style,
            stack: try keys.decodeIfPresent(Bool.self, forKey: .stack) ?? false,
            color: try keys.decodeIfPresent(GraphColor.self, forKey: .color),
            legend: try keys.decodeIfPresent(String.self, forKey: .legend),
            band: try keys.decodeIfPresent(Bool.self, forKey: .band) ?? false,
            lastWeek: try keys.decodeIfPresent(Bool.self, forKey: .lastWeek) ?? false
        )
        aggregate = try keys.decodeIfPresent(SeriesAggregate.self, forKey: .aggregate)
        if aggregate != nil {
            let texts = try keys.decodeIfPresent([String].self, forKey: .members) ?? [text]
            do { members = try texts.map { try MetricName($0) } } catch {
                throw DecodingError.dataCorruptedError(forKey: .members, in: keys, debugDescription: "\(error)")
            }
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var keys = encoder.container(keyedBy: CodingKeys.self)
        try keys.encode(metric.rawValue, forKey: .metric)
        try keys.encode(consolidation, forKey: .cf)
        switch style {
        case .line(let width):
            try keys.encode("line", forKey: .style)
            try keys.encode(width, forKey: .width)
        case .area:
            try keys.encode("area", forKey: .style)
        }
        try keys.encode(stack, forKey: .stack)
        try keys.encodeIfPresent(color, forKey: .color)
        try keys.encodeIfPresent(legend, forKey: .legend)
        try keys.encode(band, forKey: .band)
        try keys.encode(lastWeek, forKey: .lastWeek)
        try keys.encodeIfPresent(aggregate, forKey: .aggregate)
        if aggregate != nil { try keys.encode(members.map(\.rawValue), forKey: .members) }
    }
}
