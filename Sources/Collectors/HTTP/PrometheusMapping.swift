import MetricStore
import PrometheusText

/// Turns a Prometheus exposition into metric names, by one documented rule:
///
///     <prefix>.<sample name>[.<value of each label in label_segments, in that order>][.le_<le>|.q<quantile>]
///
/// `http_requests_total{method="get",code="500"}` with `label_segments: [method, code]` under
/// prefix `app.web` is `app.web.http_requests_total.get.500`. Characters outside
/// `[A-Za-z0-9_-]` become `_` (`+Inf` is `inf`). Samples whose names then coincide (labels left
/// out of the name) are summed, like PromQL's `sum without(...)`. Counters, histogram buckets,
/// `_count` and `_sum` are stored as counters (per-second rates); gauges, untyped samples and
/// summary quantiles as gauges. Exposition timestamps are ignored: values are stamped at the
/// scrape. NaN and infinite values are skipped (unknown).
struct PrometheusMapping {
    let rules: Endpoint.PrometheusRules
    let prefix: String

    struct Series {
        var name: String
        var kind: MetricKind
        var value: Double
    }

    struct Result {
        var series: [Series] = []
        /// Series past `max_series`.
        var dropped = 0
        /// Samples summed into a series that already had a value.
        var merged = 0
        var nonFinite = 0
    }

    func map(_ exposition: Exposition) -> Result {
        var result = Result()
        var index: [String: Int] = [:]
        for sample in exposition.samples where isIncluded(sample) {
            if sample.name.hasSuffix("_created"), sample.type != .gauge, sample.type != .untyped { continue }
            guard sample.value.isFinite else {
                result.nonFinite += 1
                continue
            }
            let name = metricName(sample)
            if let existing = index[name] {
                result.series[existing].value += sample.value
                result.merged += 1
            } else if result.series.count >= rules.maxSeries {
                result.dropped += 1
            } else {
                index[name] = result.series.count
                result.series.append(Series(name: name, kind: kind(of: sample), value: sample.value))
            }
        }
        return result
    }

    func isIncluded(_ sample: PrometheusText.Sample) -> Bool {
        if !rules.include.isEmpty, !rules.include.contains(where: { Glob.matches($0, sample.name) || Glob.matches($0, sample.family) }) {
            return false
        }
        if rules.exclude.contains(where: { Glob.matches($0, sample.name) || Glob.matches($0, sample.family) }) { return false }
        return rules.matchLabels.allSatisfy { sample.label($0.key) == $0.value }
    }

    func metricName(_ sample: PrometheusText.Sample) -> String {
        var segments = [prefix, MetricName.segment(from: sample.name)]
        for label in rules.labelSegments {
            if let value = sample.label(label) { segments.append(Self.segment(value)) }
        }
        if sample.type == .histogram, let le = sample.label("le") { segments.append("le_" + Self.segment(le)) }
        if sample.type == .summary, let quantile = sample.label("quantile") { segments.append("q" + Self.segment(quantile)) }
        return segments.joined(separator: ".")
    }

    static func segment(_ value: String) -> String {
        switch value {
        case "+Inf", "Inf": return "inf"
        case "-Inf": return "minus_inf"
        default: return MetricName.segment(from: value)
        }
    }

    func kind(of sample: PrometheusText.Sample) -> MetricKind {
        switch sample.type {
        case .counter, .histogram: return .counter
        case .summary: return sample.label("quantile") == nil ? .counter : .gauge
        case .gauge, .untyped: return .gauge
        }
    }
}
