import DeployImpact

/// Precision and recall of the verdicts against the injected truth, per shape and size.
struct ImpactScore {
    let cases: [DeployImpactBench.Case]

    /// (flagged regressions, flagged others, regressions, others) for a verdict bar; "others"
    /// are clean deploys and minor changes.
    func counts(_ flagged: (ImpactVerdict) -> Bool, _ include: (DeployImpactBench.Case) -> Bool = { _ in true })
        -> (truePositives: Int, falsePositives: Int, positives: Int, negatives: Int) {
        var result = (truePositives: 0, falsePositives: 0, positives: 0, negatives: 0)
        for item in cases where include(item) {
            let hit = flagged(item.result?.verdict ?? .noData)
            if item.injection?.isRegression == true { result.positives += 1; if hit { result.truePositives += 1 } }
            else { result.negatives += 1; if hit { result.falsePositives += 1 } }
        }
        return result
    }

    func report(seed: Int, thresholds: ImpactThresholds, windows: ImpactWindows) -> String {
        let regression: (ImpactVerdict) -> Bool = { $0 == .regression }
        let flagged: (ImpactVerdict) -> Bool = { $0 >= .suspect }
        let clean = cases.filter { $0.injection == nil }, minor = cases.filter { $0.injection?.isRegression == false }
        var lines = ["deploy-impact: \(cases.count) deploys over 21 days at a 60 s step (seed \(seed)): \(cases.count - clean.count - minor.count) regressions injected, \(minor.count) minor changes, \(clean.count) clean",
                     "  windows: before \(windows.before) s, after \(windows.after) s, follow-up \(windows.followUp) s",
                     "  thresholds: zSuspect \(thresholds.zSuspect) zRegression \(thresholds.zRegression) pSuspect \(thresholds.pSuspect) pRegression \(thresholds.pRegression) minRatio \(thresholds.minRatio) minLevelRatio \(thresholds.minLevelRatio)",
                     "                              regression   regression or suspect"]
        let a = counts(regression), b = counts(flagged)
        lines.append("  precision".padding(toLength: 30, withPad: " ", startingAt: 0) + cell(precision(a)) + "   " + cell(precision(b)))
        lines.append("  recall".padding(toLength: 30, withPad: " ", startingAt: 0) + cell(recall(a)) + "   " + cell(recall(b)))
        let flaggedClean = clean.filter { regression($0.result?.verdict ?? .noData) }.count
        let looseClean = clean.filter { flagged($0.result?.verdict ?? .noData) }.count
        let flaggedMinor = minor.filter { regression($0.result?.verdict ?? .noData) }.count
        let looseMinor = minor.filter { flagged($0.result?.verdict ?? .noData) }.count
        lines.append("  clean deploys called regression \(flaggedClean)/\(clean.count), suspect or worse \(looseClean)/\(clean.count)")
        lines.append("  minor changes called regression \(flaggedMinor)/\(minor.count), suspect or worse \(looseMinor)/\(minor.count)")
        let right = cases.filter { $0.injection?.isRegression == true && $0.result?.verdict == .regression }
        let named = right.filter { $0.result?.worst?.metric == Self.metric($0.injection!.signal) }.count
        lines.append("  regressions that name the injected metric first: \(named)/\(right.count)")
        lines.append("verdict regression / regression or suspect, by shape and size (hits of cases):")
        lines.append("  shape     " + ImpactInjection.Size.allCases.map { $0.rawValue.padding(toLength: 18, withPad: " ", startingAt: 0) }.joined())
        for shape in ImpactInjection.Shape.allCases {
            var row = "  " + shape.rawValue.padding(toLength: 8, withPad: " ", startingAt: 0)
            for size in ImpactInjection.Size.allCases {
                let these = cases.filter { $0.injection?.shape == shape && $0.injection?.size == size }
                let hits = these.filter { $0.result?.verdict == .regression }.count
                let loose = these.filter { ($0.result?.verdict ?? .noData) >= .suspect }.count
                row += "  " + "\(hits)/\(these.count) \(loose)/\(these.count)".padding(toLength: 16, withPad: " ", startingAt: 0)
            }
            lines.append(row)
        }
        lines.append("regression: precision \(cell(precision(a))) recall \(cell(recall(a)))")
        return lines.joined(separator: "\n")
    }

    static func metric(_ signal: Int) -> String { ["app.web.http.5xx", "app.web.errors", "app.web.latency.p95"][signal] }

    private func precision(_ c: (truePositives: Int, falsePositives: Int, positives: Int, negatives: Int)) -> Double {
        Double(c.truePositives) / Double(max(1, c.truePositives + c.falsePositives))
    }
    private func recall(_ c: (truePositives: Int, falsePositives: Int, positives: Int, negatives: Int)) -> Double {
        Double(c.truePositives) / Double(max(1, c.positives))
    }
    private func cell(_ value: Double) -> String { String(format: "%10.3f", value) }
}
