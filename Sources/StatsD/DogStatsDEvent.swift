/// A DogStatsD event datagram line, parsed:
///
///     _e{TITLE_BYTES,TEXT_BYTES}:TITLE|TEXT|d:TIMESTAMP|h:HOST|p:PRIORITY|t:ALERT_TYPE|k:KEY|s:SOURCE|#tag1:v,tag2
///
/// Lengths are UTF-8 bytes, so title and text may hold `|`; a `\n` (two characters) in the text
/// stands for a line break. Sections after the text are optional and in any order; unknown
/// sections (`c:` container id, later additions) are skipped. `p` is `normal` or `low`, `t` is
/// `error`, `warning`, `info` or `success`.
public struct DogStatsDEvent: Sendable, Equatable {
    public var title: String
    public var text: String
    /// Epoch seconds (`d:`), nil for now.
    public var timestamp: Int?
    public var host: String?
    public var priority: String?
    public var alertType: String?
    public var aggregationKey: String?
    public var sourceType: String?
    /// `key:value` tags as (key, value); a bare tag has an empty value.
    public var tags: [(key: String, value: String)]

    public static func == (a: DogStatsDEvent, b: DogStatsDEvent) -> Bool {
        a.title == b.title && a.text == b.text && a.timestamp == b.timestamp && a.host == b.host && a.priority == b.priority
            && a.alertType == b.alertType && a.aggregationKey == b.aggregationKey && a.sourceType == b.sourceType
            && a.tags.map(\.key) == b.tags.map(\.key) && a.tags.map(\.value) == b.tags.map(\.value)
    }

    /// Longest title or text accepted, in bytes (the line limit bounds them anyway).
    public static let maxLength = 4096

    /// Parses one `_e{...}` line, or says why it is refused.
    public static func parse(_ line: UnsafeRawBufferPointer) -> Result<DogStatsDEvent, BadLineReason> {
        let bytes = Array(line)
        guard bytes.starts(with: Array("_e{".utf8)) else { return .failure(.badEvent) }
        var index = 3
        guard let titleLength = number(bytes, &index, until: UInt8(ascii: ",")),
              let textLength = number(bytes, &index, until: UInt8(ascii: "}")),
              titleLength > 0, titleLength <= maxLength, textLength <= maxLength,
              index < bytes.count, bytes[index] == UInt8(ascii: ":")
        else { return .failure(.badEvent) }
        index += 1
        let textStart = index + titleLength + 1
        // The title, a `|`, the text; then the end of the line or a `|` before the sections.
        guard textStart + textLength <= bytes.count, bytes[index + titleLength] == UInt8(ascii: "|"),
              textStart + textLength == bytes.count || bytes[textStart + textLength] == UInt8(ascii: "|"),
              let title = String(validating: bytes[index..<(index + titleLength)], as: UTF8.self),
              let rawText = String(validating: bytes[textStart..<(textStart + textLength)], as: UTF8.self)
        else { return .failure(.badEvent) }
        var event = DogStatsDEvent(title: title, text: rawText.replacing("\\n", with: "\n"), tags: [])
        guard textStart + textLength < bytes.count else { return .success(event) }
        let rest = bytes[(textStart + textLength + 1)...]
        guard !rest.isEmpty else { return .failure(.badEvent) }  // a trailing `|`
        for section in rest.split(separator: UInt8(ascii: "|"), omittingEmptySubsequences: false) {
            guard let text = String(validating: section, as: UTF8.self), !text.isEmpty else { return .failure(.badEvent) }
            if let reason = event.apply(section: text) { return .failure(reason) }
        }
        return .success(event)
    }

    private mutating func apply(section: String) -> BadLineReason? {
        if section.hasPrefix("#") {
            guard tags.isEmpty else { return .badTags }
            for tag in section.dropFirst().split(separator: ",", omittingEmptySubsequences: false) {
                guard !tag.isEmpty, !tag.hasPrefix(":") else { return .badTags }
                let parts = tag.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
                tags.append((String(parts[0]), parts.count > 1 ? String(parts[1]) : ""))
            }
            return nil
        }
        guard section.count >= 2, section.dropFirst().first == ":" else { return .badEvent }
        let value = String(section.dropFirst(2))
        switch section.first {
        case "d":
            guard let seconds = Int(value), seconds >= 0 else { return .badTimestamp }
            timestamp = seconds
        case "h": host = value
        case "p":
            guard ["normal", "low"].contains(value) else { return .badEvent }
            priority = value
        case "t":
            guard ["error", "warning", "info", "success"].contains(value) else { return .badEvent }
            alertType = value
        case "k": aggregationKey = value
        case "s": sourceType = value
        default: break  // `c:` container id and later additions: not ours
        }
        return nil
    }

    /// Decimal digits up to `terminator` (at most 5 of them), moving `index` past it.
    private static func number(_ bytes: [UInt8], _ index: inout Int, until terminator: UInt8) -> Int? {
        var value = 0, digits = 0
        while index < bytes.count, bytes[index] != terminator {
            guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]), digits < 5 else { return nil }
            value = value * 10 + Int(bytes[index] - UInt8(ascii: "0"))
            digits += 1
            index += 1
        }
        guard digits > 0, index < bytes.count else { return nil }
        index += 1
        return value
    }
}
