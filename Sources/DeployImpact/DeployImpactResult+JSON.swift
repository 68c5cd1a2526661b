import Foundation

extension DeployImpactResult {
    /// Plain JSON (no NaN or infinity, which JSON cannot hold: an infinite ratio, after > 0
    /// with nothing expected, is written as null), as stored and as sent to webhooks.
    public func jsonText() -> String {
        var finite = self
        finite.signals = signals.map { signal in
            var copy = signal
            for path in [\SignalImpact.before, \.after, \.expected, \.ratio, \.difference, \.score, \.confidence] {
                if let value = copy[keyPath: path], !value.isFinite { copy[keyPath: path] = nil }
            }
            return copy
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: (try? encoder.encode(finite)) ?? Data("{}".utf8), as: UTF8.self)
    }

    /// Reads what ``jsonText()`` wrote; nil for anything else.
    public init?(jsonText: String) {
        guard let value = try? JSONDecoder().decode(Self.self, from: Data(jsonText.utf8)) else { return nil }
        self = value
    }
}
