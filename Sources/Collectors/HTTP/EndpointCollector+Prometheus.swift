import Curl
import PrometheusText

extension EndpointCollector {
    /// Every series the mapping keeps, up to `max_series`; odd lines and dropped series are
    /// logged once each, and the series that could be read are still stored.
    func prometheus(_ outcome: Result<HTTPResponse, HTTPError>, into builder: inout SeriesBuilder) -> String? {
        let response: HTTPResponse
        switch body(outcome) {
        case .failure(let failure): return failure.description
        case .success(let value): response = value
        }
        let exposition = Exposition.parse(response.body, maxSamples: Self.maxSamples)
        for issue in exposition.issues.prefix(20) { failures.noteOnce("Prometheus text \(issue); the line is skipped") }
        let mapping = PrometheusMapping(rules: endpoint.prometheus, prefix: endpoint.prefix)
        let result = mapping.map(exposition)
        if result.dropped > 0 || exposition.droppedSamples > 0 {
            failures.noteOnce("exposes more series than max_series (\(endpoint.prometheus.maxSeries)); the first \(result.series.count) are kept, raise max_series or narrow include/exclude")
        }
        if exposition.samples.isEmpty, exposition.issueCount > 0 {
            return "the body is not Prometheus text (\(Self.preview(response.body)))"
        }
        for series in result.series {
            if series.kind == .counter {
                builder.add(series.name, .counter, series.value)
            } else {
                builder.gauge(series.name, series.value, min: nil)
            }
        }
        return nil
    }

    /// Samples kept while parsing; the body cap bounds the input, this bounds what is kept.
    static let maxSamples = 200_000
}
