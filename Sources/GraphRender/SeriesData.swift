import RRD

/// Metric series over a time range, as the JSON API returns them:
///
/// ```json
/// {
///   "start": 1700000000, "end": 1700003600, "step": 60,
///   "series": [
///     { "name": "host.load.1", "cf": "AVERAGE",
///       "points": [[1700000060, 0.25], [1700000120, null]],
///       "summary": { "last": 0.25, "min": 0.25, "average": 0.25, "max": 0.25 } }
///   ],
///   "events": [{ "start": 1700000300, "end": null, "kind": "deploy", "label": "api v1.4.2" }]
/// }
/// ```
///
/// - `start`, `end`: epoch seconds, multiples of `step`; the points cover `(start, end]`.
/// - `step`: seconds per point, the same for every series.
/// - `points`: `[time, value]` pairs, one per step from `start + step` to `end`. A point's time is
///   the *end* of the interval it summarises (as in rrdtool). Unknown values are `null`, never NaN.
/// - `summary`: over the known points; every field is `null` when the series has no known point.
/// - `events`: timeline events overlapping the range, oldest first (from the event store).
///
/// Field names are stable; new fields may be added. Keys are written in sorted order.
public struct SeriesData: Sendable, Equatable, Codable {
    public var start: Int
    public var end: Int
    public var step: Int
    public var series: [Series]
    public var events: [TimelineEvent]

    public init(start: Int, end: Int, step: Int, series: [Series], events: [TimelineEvent] = []) {
        (self.start, self.end, self.step, self.series, self.events) = (start, end, step, series, events)
    }

    public struct Series: Sendable, Equatable, Codable {
        /// The metric name.
        public var name: String
        public var cf: Consolidation
        public var points: [Point]
        public var summary: Summary

        public init(name: String, cf: Consolidation, points: [Point], summary: Summary? = nil) {
            (self.name, self.cf, self.points) = (name, cf, points)
            self.summary = summary ?? Summary(points)
        }
    }

    /// `[time, value]`, value `null` when unknown.
    public struct Point: Sendable, Equatable, Codable {
        public var time: Int
        public var value: Double?

        public init(time: Int, value: Double?) {
            self.time = time
            self.value = value
        }

        public init(from decoder: any Decoder) throws {
            var pair = try decoder.unkeyedContainer()
            time = try pair.decode(Int.self)
            value = try pair.decodeNil() ? nil : try pair.decode(Double.self)
        }

        public func encode(to encoder: any Encoder) throws {
            var pair = encoder.unkeyedContainer()
            try pair.encode(time)
            if let value { try pair.encode(value) } else { try pair.encodeNil() }
        }
    }

    public struct Summary: Sendable, Equatable, Codable {
        public var last: Double?
        public var min: Double?
        public var average: Double?
        public var max: Double?

        public init(last: Double?, min: Double?, average: Double?, max: Double?) {
            (self.last, self.min, self.average, self.max) = (last, min, average, max)
        }

        /// Over the known values of `points`.
        public init(_ points: [Point]) {
            let known = points.compactMap(\.value)
            last = known.last
            min = known.min()
            max = known.max()
            average = known.isEmpty ? nil : known.reduce(0, +) / Double(known.count)
        }

        // Explicit nulls: the shape stays the same with and without data.
        public func encode(to encoder: any Encoder) throws {
            var keys = encoder.container(keyedBy: CodingKeys.self)
            try keys.encode(last, forKey: .last)
            try keys.encode(min, forKey: .min)
            try keys.encode(average, forKey: .average)
            try keys.encode(max, forKey: .max)
        }
    }
}
