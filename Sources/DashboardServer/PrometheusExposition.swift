import MetricStore

/// The daemon's own counters in the Prometheus text exposition format 0.0.4.
public enum PrometheusExposition {
    public static let contentType = "text/plain; version=0.0.4; charset=utf-8"

    public struct IngestCounts: Sendable {
        public var statsdLines = 0
        public var statsdDatagrams = 0
        public var statsdBadLines: [String: Int] = [:]

        public init(statsdLines: Int = 0, statsdDatagrams: Int = 0, statsdBadLines: [String: Int] = [:]) {
            self.statsdLines = statsdLines
            self.statsdDatagrams = statsdDatagrams
            self.statsdBadLines = statsdBadLines
        }
    }

    public static func render(_ stats: WriterStatistics, uptime: Double, ingest: IngestCounts = IngestCounts()) -> String {
        var out = ""
        func metric(_ name: String, _ type: String, _ help: String, _ samples: [(labels: String, value: Double)]) {
            out += "# HELP \(name) \(help)\n# TYPE \(name) \(type)\n"
            for sample in samples { out += "\(name)\(sample.labels) \(format(sample.value))\n" }
        }
        metric("metrics_uptime_seconds", "gauge", "Seconds since the daemon started.", [("", uptime)])
        metric("metrics_samples_accepted_total", "counter", "Samples accepted for writing.", [("", Double(stats.accepted))])
        metric("metrics_samples_written_total", "counter", "Samples written to RRD files.", [("", Double(stats.written))])
        let reasons = RefusalReason.allCases.map(\.rawValue) + MetricWriter.SubmitRefusal.allCases.map(\.rawValue)
        metric("metrics_samples_refused_total", "counter", "Samples refused, by reason.",
               reasons.sorted().map { ("{reason=\"\($0)\"}", Double(stats.refused[$0] ?? 0)) })
        metric("metrics_files_created_total", "counter", "Metric files created.", [("", Double(stats.filesCreated))])
        metric("metrics_flushes_total", "counter", "Writes of pending samples to disk.", [("", Double(stats.flushes))])
        metric("metrics_pending_points", "gauge", "Samples waiting for the next flush.", [("", Double(stats.pendingPoints))])
        metric("metrics_last_flush_seconds", "gauge", "Duration of the last flush.", [("", stats.lastFlushSeconds)])
        // Zero with local files; with rrdcached, points it has not taken yet and those given up.
        metric("metrics_store_queued_points", "gauge", "Points waiting for the store (rrdcached down or slow).", [("", Double(stats.storeQueuedPoints))])
        metric("metrics_store_dropped_points_total", "counter", "Points dropped at the store queue's bound.", [("", Double(stats.storeDroppedPoints))])
        metric("metrics_statsd_lines_total", "counter", "StatsD lines accepted (UDP, TCP, push).", [("", Double(ingest.statsdLines))])
        metric("metrics_statsd_datagrams_total", "counter", "StatsD datagrams and TCP batches received.", [("", Double(ingest.statsdDatagrams))])
        metric("metrics_statsd_bad_lines_total", "counter", "StatsD lines refused, by reason.",
               ingest.statsdBadLines.sorted { $0.key < $1.key }.map { ("{reason=\"\($0.key)\"}", Double($0.value)) })
        return out
    }

    static func format(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : "\(value)"
    }
}
