/// The type a `# TYPE <name> <type>` line declares for a metric family.
///
/// Text format 0.0.4 allows exactly these five; a family without a TYPE line is `untyped`.
public enum MetricType: String, Sendable, CaseIterable {
    case counter, gauge, histogram, summary, untyped
}
