import MetricStore
import RRD

// Decoding fills missing keys with the defaults of the initialisers, so that a dashboard file
// or a query only states what differs. Values are validated later, by `GraphSpec.validate()`;
// metric names and colours are validated while decoding because their types cannot hold bad text.

extension GraphSpec: Codable {
    private enum CodingKeys: String, CodingKey {
        case title, verticalLabel, unit, base, series, thresholds, yAxis, width, height, fullSize, start, end, theme, legend, sparkline
    }

    public init(from decoder: any Decoder) throws {
        let keys = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            series: try keys.decode([GraphSeries].self, forKey: .series),
            start: try keys.decode(Int.self, forKey: .start),
            end: try keys.decode(Int.self, forKey: .end),
            title: try keys.decodeIfPresent(String.self, forKey: .title),
            verticalLabel: try keys.decodeIfPresent(String.self, forKey: .verticalLabel),
            unit: try keys.decodeIfPresent(String.self, forKey: .unit),
            base: try keys.decodeIfPresent(UnitBase.self, forKey: .base) ?? .decimal,
            thresholds: try keys.decodeIfPresent([GraphThreshold].self, forKey: .thresholds) ?? [],
            yAxis: try keys.decodeIfPresent(YAxis.self, forKey: .yAxis) ?? YAxis(),
            width: try keys.decodeIfPresent(Int.self, forKey: .width) ?? 600,
            height: try keys.decodeIfPresent(Int.self, forKey: .height) ?? 200,
            fullSize: try keys.decodeIfPresent(Bool.self, forKey: .fullSize) ?? false,
            theme: try keys.decodeIfPresent(GraphTheme.self, forKey: .theme) ?? .light,
            legend: try keys.decodeIfPresent(Bool.self, forKey: .legend) ?? true
        )
        sparkline = try keys.decodeIfPresent(Bool.self, forKey: .sparkline) ?? false
    }

    public func encode(to encoder: any Encoder) throws {
        var keys = encoder.container(keyedBy: CodingKeys.self)
        try keys.encodeIfPresent(title, forKey: .title)
        try keys.encodeIfPresent(verticalLabel, forKey: .verticalLabel)
        try keys.encodeIfPresent(unit, forKey: .unit)
        try keys.encode(base, forKey: .base)
        try keys.encode(series, forKey: .series)
        try keys.encode(thresholds, forKey: .thresholds)
        try keys.encode(yAxis, forKey: .yAxis)
        try keys.encode(width, forKey: .width)
        try keys.encode(height, forKey: .height)
        try keys.encode(fullSize, forKey: .fullSize)
        try keys.encode(start, forKey: .start)
        try keys.encode(end, forKey: .end)
        try keys.encode(theme, forKey: .theme)
        try keys.encode(legend, forKey: .legend)
        try keys.encode(sparkline, forKey: .sparkline)
    }
}

extension GraphSpec.YAxis: Codable {
    private enum CodingKeys: String, CodingKey { case lowerLimit, upperLimit, rigid, logarithmic }

    public func encode(to encoder: any Encoder) throws {
        var keys = encoder.container(keyedBy: CodingKeys.self)
        try keys.encodeIfPresent(lowerLimit, forKey: .lowerLimit)
        try keys.encodeIfPresent(upperLimit, forKey: .upperLimit)
        try keys.encode(rigid, forKey: .rigid)
        try keys.encode(logarithmic, forKey: .logarithmic)
    }

    public init(from decoder: any Decoder) throws {
        let keys = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            lowerLimit: try keys.decodeIfPresent(Double.self, forKey: .lowerLimit),
            upperLimit: try keys.decodeIfPresent(Double.self, forKey: .upperLimit),
            rigid: try keys.decodeIfPresent(Bool.self, forKey: .rigid) ?? false,
            logarithmic: try keys.decodeIfPresent(Bool.self, forKey: .logarithmic) ?? false
        )
    }
}
