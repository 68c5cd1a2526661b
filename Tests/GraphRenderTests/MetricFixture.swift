import Foundation
import MetricStore
import RRD
import TestSupport

/// A data directory with RRD files of known values, laid out as the store lays them out.
final class MetricFixture: Sendable {
    /// A midnight (UTC), a multiple of every archive step.
    static let t0 = 1_699_920_000
    let directory: TemporaryDirectory
    let path: String

    /// `subdirectory` lets a test put the data in a directory with an awkward name.
    init(subdirectory: String? = nil) {
        directory = TemporaryDirectory()
        if let subdirectory {
            path = directory.path + "/" + subdirectory
            try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } else {
            path = directory.path
        }
    }

    /// A schema with one-minute points for nine days (so a week-old overlay has data) and MIN/MAX
    /// from five minutes up, like the standard one but cheaper to fill.
    static let weekly = RetentionSchema(
        name: "test", pattern: try! MetricPattern("**"),
        tiers: [RetentionTier(resolution: 60, duration: 9 * 86_400), RetentionTier(resolution: 300, duration: 30 * 86_400)]
    )

    /// Creates the metric's file (standard retention unless told) and writes `values[i]` at
    /// `start + (i + 1) * step`; nil writes an unknown value.
    @discardableResult
    func write(_ name: String, values: [Double?], step: Int = 10, start: Int = t0,
               schema: RetentionSchema = .standard) async throws -> MetricName {
        let metric = try MetricName(name)
        let file = path + "/" + metric.relativePath
        try FileManager.default.createDirectory(atPath: (file as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try await RRDEngine.shared.create(file, layout: schema.layout(for: .gauge), start: start)
        let points = values.enumerated().map { RRDPoint(time: start + ($0.offset + 1) * step, value: $0.element) }
        for chunk in stride(from: 0, to: points.count, by: 5_000) {
            try await RRDEngine.shared.update(file, Array(points[chunk..<min(chunk + 5_000, points.count)]))
        }
        return metric
    }

    /// A day-shaped wave with fast wiggles (so MIN and MAX differ), one value per minute for
    /// `days` days from t0; the last day runs 25 % higher than the week before.
    func writeWave(_ name: String, days: Int = 8, scale: Double = 1) async throws -> MetricName {
        let count = days * 1_440
        let values: [Double?] = (1...count).map { minute in
            let t = Double(minute * 60)
            let day = 50 + 30 * sin(2 * .pi * t / 86_400)
            let wiggle = 8 * sin(2 * .pi * t / 420) + 4 * sin(2 * .pi * t / 3_300)
            let growth = minute > count - 1_440 ? 1.25 : 1.0
            return (day + wiggle) * growth * scale
        }
        return try await write(name, values: values, step: 60, schema: Self.weekly)
    }

    /// End of the data written by ``writeWave(_:days:scale:)``.
    static func waveEnd(days: Int = 8) -> Int { t0 + days * 86_400 }
}

/// Width and height from a PNG's IHDR chunk.
func pngSize(_ bytes: [UInt8]) -> (width: Int, height: Int) {
    func be32(_ offset: Int) -> Int { bytes[offset..<offset + 4].reduce(0) { $0 << 8 | Int($1) } }
    return (be32(16), be32(20))
}

let pngSignature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]

/// Keeps a PNG (or other bytes) for a person to look at when METRICS_TEST_ARTIFACTS names a directory.
func keepArtifact(_ bytes: [UInt8], _ name: String) {
    guard let folder = ProcessInfo.processInfo.environment["METRICS_TEST_ARTIFACTS"] else { return }
    try? Data(bytes).write(to: URL(fileURLWithPath: folder + "/" + name))
}

extension Array where Element == String {
    /// True when `run` appears as consecutive elements.
    func containsRun(_ run: [String]) -> Bool {
        guard run.count <= count else { return false }
        return (0...(count - run.count)).contains { self[$0..<$0 + run.count].elementsEqual(run) }
    }
}
