import DeployImpact
import Foundation

/// `metrics-bench deploy-impact [--seed N] [--deploys N] [--z-regression Z] [--z-suspect Z]
/// [--p-regression P] [--min-ratio R] [--after S] [--follow-up S] [--spike-tolerance S] [--max-points N]
/// [--show misses|false] [--rrd DIR]`: scores the deploy-impact detector on synthetic data
/// with known answers (see ImpactWorld and ImpactInjection). Deterministic for a seed.
enum DeployImpactBench {
    struct Case {
        let deploy: Int
        let injection: ImpactInjection?
        var result: DeployImpactResult? = nil
    }

    static func run(_ arguments: ArraySlice<String>) async throws {
        let options = BenchArguments(arguments, allowed: ["--seed", "--deploys", "--z-regression", "--z-suspect", "--p-regression", "--min-ratio", "--show", "--rrd", "--after", "--spike-tolerance", "--max-points", "--follow-up"])
        var random = BenchRandom(seed: UInt64(options.int("--seed", 1)))
        var thresholds = ImpactThresholds()
        if let z = Double(options.string("--z-regression", "")) { thresholds.zRegression = z }
        if let z = Double(options.string("--z-suspect", "")) { thresholds.zSuspect = z }
        if let p = Double(options.string("--p-regression", "")) { thresholds.pRegression = p }
        if let r = Double(options.string("--min-ratio", "")) { thresholds.minRatio = r }
        if let v = Int(options.string("--spike-tolerance", "")) { thresholds.spikeTolerance = v }
        if let v = Int(options.string("--max-points", "")) { thresholds.maxEffectivePoints = v }
        let windows = ImpactWindows(after: options.int("--after", ImpactWindows().after), followUp: options.int("--follow-up", ImpactWindows().followUp))
        var cases = schedule(count: options.int("--deploys", 300), random: &random)
        var effects = ImpactWorld.Effects()
        for item in cases { item.injection?.apply(to: &effects, deploy: item.deploy, random: &random) }
        let world = ImpactWorld(effects: effects, random: &random)
        let now = ImpactWorld.time(ImpactWorld.count - 1)
        for index in cases.indices {
            cases[index].result = ImpactDetector.assess(DeployTime(start: cases[index].deploy),
                                                        signals: world.signals(for: cases[index].deploy, windows: ImpactWindows(before: windows.before, after: windows.after + windows.followUp)),
                                                        now: now, windows: windows, thresholds: thresholds)
        }
        // --show misses|false: one line per missed injection or flagged clean deploy, to see why.
        let show = options.string("--show", "")
        for item in cases where (show == "misses" && item.injection?.isRegression == true && item.result?.verdict != .regression)
            || (show == "false" && item.injection?.isRegression != true && (item.result?.verdict ?? .noData) >= .suspect) {
            print(describe(item))
            if let injection = item.injection {
                let first = ImpactWorld.index(item.deploy) + 1, values = [effects.rate, effects.errors, effects.latency][injection.signal]
                print("    injected multiplier over the after-window: " + values[first..<(first + 15)].map { String(format: "%.2f", $0) }.joined(separator: " "))
            }
        }
        print(ImpactScore(cases: cases).report(seed: options.int("--seed", 1), thresholds: thresholds, windows: windows))
        let directory = options.string("--rrd", "")
        guard !directory.isEmpty else { return }
        let read = try await ImpactRRDCheck.run(world, cases, windows: windows, thresholds: thresholds, now: now, directory: directory)
        let same = zip(cases, read).filter { $0.result?.verdict == $1.result?.verdict }.count
        print("\nthrough RRD files and SeriesExport (\(directory)): \(same)/\(cases.count) verdicts as in memory")
        print(ImpactScore(cases: read).report(seed: options.int("--seed", 1), thresholds: thresholds, windows: windows).split(separator: "\n").last.map(String.init) ?? "")
    }

    static func describe(_ item: Case) -> String {
        let hour = (item.deploy % 86_400) / 3_600
        var line = "\(item.injection.map { "\($0.shape.rawValue)/\($0.size.rawValue) on \(ImpactScore.metric($0.signal))" } ?? "clean") at \(hour)h: \(item.result?.verdict.rawValue ?? "-")"
        for signal in item.result?.signals ?? [] {
            line += String(format: "\n    %@ %@ before %.4g after %.4g expected %.4g score %.1f refs %@", signal.metric, signal.verdict.rawValue,
                           signal.before ?? .nan, signal.after ?? .nan, signal.expected ?? .nan, signal.score ?? .nan,
                           signal.references.joined(separator: ","))
        }
        return line
    }

    /// Deploys in 80-minute slots over the last three weeks (the first week is history for the
    /// week-before reference), at a random second of the slot's first 10 minutes; half of them
    /// get an injected spike of a random shape and size.
    static func schedule(count: Int, random: inout BenchRandom) -> [Case] {
        let slotsPerDay = 18, firstDay = 7
        var slots = Array(0..<(slotsPerDay * (ImpactWorld.days - firstDay)))
        for index in slots.indices.reversed() where index > 0 { slots.swapAt(index, random.int(index + 1)) }
        return slots.prefix(min(count, slots.count)).sorted().map { slot in
            let deploy = ImpactWorld.start + firstDay * 86_400 + slot * 80 * 60 + random.int(600)
            guard random.next() < 0.5 else { return Case(deploy: deploy, injection: nil) }
            let shape = ImpactInjection.Shape.allCases[random.int(4)]
            let size = ImpactInjection.Size.allCases[random.int(3)]
            let signal = shape == .latencyShift ? 2 : random.int(2)
            return Case(deploy: deploy, injection: ImpactInjection(shape: shape, size: size, signal: signal))
        }
    }
}
