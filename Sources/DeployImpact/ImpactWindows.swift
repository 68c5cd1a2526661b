import TimeSyntax

/// Window lengths in seconds. Decodes from numbers of seconds or durations such as `15m`, `1h`.
public struct ImpactWindows: Codable, Sendable, Equatable {
    /// The baseline before the deploy (default 1 hour).
    public var before: Int
    /// The window after the deploy (or its end) that is judged (default 15 minutes).
    public var after: Int
    /// An `ok` or `suspect` verdict is looked at again this long after the after-window ended,
    /// over the longer window `(settled, settled + after + followUp]`, and becomes a
    /// `regression` when that window shows one: a slow ramp, or a rise on a quiet night, needs
    /// more data than 15 minutes give. A regression is final at once. 0: no second look.
    public var followUp: Int

    public static let maxWindow = 86_400

    enum CodingKeys: String, CodingKey { case before, after, followUp }

    public init(before: Int = 3_600, after: Int = 900, followUp: Int = 900) {
        self.before = before
        self.after = after
        self.followUp = followUp
    }

    /// The windows of the second look: the after-window grown by `followUp`.
    var followingUp: ImpactWindows { ImpactWindows(before: before, after: after + followUp, followUp: 0) }

    /// When the verdict on a deploy settled at `settled` is final.
    public func finalAt(settled: Int) -> Int { settled + after + followUp }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let defaults = ImpactWindows()
        before = try Self.seconds(container, .before) ?? defaults.before
        after = try Self.seconds(container, .after) ?? defaults.after
        followUp = try Self.seconds(container, .followUp) ?? defaults.followUp
    }

    private static func seconds(_ container: KeyedDecodingContainer<CodingKeys>, _ key: CodingKeys) throws -> Int? {
        if let number = try? container.decodeIfPresent(Int.self, forKey: key) { return number }
        guard let text = try container.decodeIfPresent(String.self, forKey: key) else { return nil }
        do { return try TimeSyntax.duration(text) } catch {
            throw DecodingError.dataCorruptedError(forKey: key, in: container,
                debugDescription: "\(key.stringValue): \(error); write a duration such as 15m or 1h")
        }
    }
}
