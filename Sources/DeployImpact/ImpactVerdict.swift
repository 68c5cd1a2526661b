/// The outcome for one signal or one deploy, in increasing order of severity.
public enum ImpactVerdict: String, Codable, Sendable, Comparable, CaseIterable {
    /// Not enough points in the baseline or the after-window.
    case noData
    /// The after-window is not over yet (`now` before its end).
    case tooRecent
    case ok
    /// Likely worse, below the regression bar: worth a look.
    case suspect
    case regression

    private var rank: Int { Self.allCases.firstIndex(of: self)! }
    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rank < rhs.rank }
}

/// The verdict for one signal and the numbers behind it.
public struct SignalImpact: Codable, Sendable, Equatable {
    public var metric: String
    public var kind: SignalKind
    public var verdict: ImpactVerdict
    /// Baseline level: the median (rate, level) or mean per step (count, failure) before.
    public var before: Double?
    /// After level: the median (level) or mean per step (the others) of the after-window,
    /// without the spike points that stand apart.
    public var after: Double?
    /// What the after level should have been: `before` plus the rise the same time of day
    /// showed one day / one week earlier (never less than `before`).
    public var expected: Double?
    /// `after / expected` (infinite when `expected` is 0 and `after` is not).
    public var ratio: Double?
    /// `after - expected`, in the signal's units.
    public var difference: Double?
    /// Robust z-score (rate, level), or the z-score equivalent of the rate test's p-value.
    public var score: Double?
    /// One minus the (approximate, one-sided) p-value of "no rise", 0...1.
    public var confidence: Double?
    /// Which earlier days were used to discount the cycle: "day", "week".
    public var references: [String]

    public init(metric: String, kind: SignalKind, verdict: ImpactVerdict, before: Double? = nil, after: Double? = nil,
                expected: Double? = nil, ratio: Double? = nil, difference: Double? = nil, score: Double? = nil,
                confidence: Double? = nil, references: [String] = []) {
        self.metric = metric
        self.kind = kind
        self.verdict = verdict
        self.before = before
        self.after = after
        self.expected = expected
        self.ratio = ratio
        self.difference = difference
        self.score = score
        self.confidence = confidence
        self.references = references
    }
}

/// The verdict for one deploy: the worst of its signals, which are listed worst first.
public struct DeployImpactResult: Codable, Sendable, Equatable {
    public var verdict: ImpactVerdict
    public var signals: [SignalImpact]
    /// The end of the after-window: the deploy can be judged from then on.
    public var judgeableAt: Int
    /// Set while the verdict may still change: an `ok` or `suspect` waits for the second look
    /// (see ``ImpactWindows/followUp``) until then.
    public var finalAt: Int?

    /// The signal behind the verdict (nil when there is none).
    public var worst: SignalImpact? { signals.first }

    public init(verdict: ImpactVerdict, signals: [SignalImpact], judgeableAt: Int, finalAt: Int? = nil) {
        self.verdict = verdict
        self.signals = signals
        self.judgeableAt = judgeableAt
        self.finalAt = finalAt
    }
}
