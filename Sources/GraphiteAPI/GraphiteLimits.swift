/// Bounds on what one Graphite request may ask for, checked before any work: a target is parsed
/// within `maxTargetLength` and `maxDepth`, and every glob's matches count against
/// `maxSeries` before a single file is read.
public enum GraphiteLimits {
    /// Bytes in one `target` (Grafana's template variables expand to long `{a,b,...}` lists).
    public static let maxTargetLength = 16_384
    /// Nested function calls in one target.
    public static let maxDepth = 32
    /// Arguments of one call.
    public static let maxArguments = 64
    /// `target` parameters in one request.
    public static let maxTargets = 64
    /// Series fetched for one request, over all its targets (re-fetches for movingAverage and
    /// timeShift count again).
    public static let maxSeries = 500
    /// Alternatives in one `{a,b,...}` glob.
    public static let maxAlternatives = 1_000
    /// Characters in an `aliasSub` regular expression.
    public static let maxRegexLength = 256
    /// Points in a `movingAverage` window given as a count.
    public static let maxWindowPoints = 100_000
}
