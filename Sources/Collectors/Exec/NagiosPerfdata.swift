import MetricStore

/// Performance data items: `'label'=value[UOM];[warn];[crit];[min];[max]`, space-separated.
/// Labels may be quoted with `'` (then they may hold spaces, and `''` is a quote); the value may
/// be `U` (unknown). Units become base units: `s`, `ms`, `us` → seconds; `B`, `KB`, `MB`, `GB`,
/// `TB` → bytes (powers of 1024, as check_disk means them); `%` stays; `c` marks a counter.
public enum NagiosPerfdata {
    public struct Item: Sendable, Equatable {
        public var label: String
        /// In base units; nil when the plugin said `U`.
        public var value: Double?
        public var kind: MetricKind
        /// The base unit: `s`, `B`, `%` or empty.
        public var unit: String
        public var warn: Double?
        public var crit: Double?
        public var min: Double?
        public var max: Double?
    }

    /// Multiplier to the base unit, the base unit, and the kind, per UOM.
    static let units: [String: (factor: Double, unit: String, kind: MetricKind)] = [
        "": (1, "", .gauge), "s": (1, "s", .gauge), "ms": (1e-3, "s", .gauge), "us": (1e-6, "s", .gauge),
        "%": (1, "%", .gauge), "B": (1, "B", .gauge), "KB": (1_024, "B", .gauge), "MB": (1_048_576, "B", .gauge),
        "GB": (1_073_741_824, "B", .gauge), "TB": (1_099_511_627_776, "B", .gauge), "c": (1, "", .counter),
    ]

    public static func parse(_ text: Substring, issues: inout [String]) -> [Item] {
        var items: [Item] = []
        var rest = text[...]
        while true {
            rest = rest.drop { $0 == " " || $0 == "\t" || $0 == "\r" }
            guard !rest.isEmpty else { return items }
            guard let (label, afterLabel) = label(in: rest) else {
                issues.append("perfdata \(quoted(rest)) has no 'label=value'; the rest of the line is skipped")
                return items
            }
            let data = afterLabel.prefix { $0 != " " && $0 != "\t" }
            rest = afterLabel.dropFirst(data.count)
            if let item = item(label: label, data: data, issues: &issues) { items.append(item) }
        }
    }

    /// The label and what follows its `=`.
    private static func label(in text: Substring) -> (String, Substring)? {
        guard text.first == "'" else {
            guard let equals = text.firstIndex(of: "="), !text[..<equals].contains(" ") else { return nil }
            return (String(text[..<equals]), text[text.index(after: equals)...])
        }
        var label = ""
        var index = text.index(after: text.startIndex)
        while index < text.endIndex {
            let character = text[index]
            index = text.index(after: index)
            guard character == "'" else {
                label.append(character)
                continue
            }
            if index < text.endIndex, text[index] == "'" {
                label.append("'")
                index = text.index(after: index)
                continue
            }
            guard index < text.endIndex, text[index] == "=" else { return nil }
            return (label, text[text.index(after: index)...])
        }
        return nil
    }

    private static func item(label: String, data: Substring, issues: inout [String]) -> Item? {
        let parts = data.split(separator: ";", omittingEmptySubsequences: false)
        let valueText = parts[0]
        let number = numberPrefix(valueText)
        let uom = String(valueText.dropFirst(number.count))
        guard let unit = units[uom] else {
            issues.append("perfdata '\(label)': unit '\(uom)' is not one of s ms us % B KB MB GB TB c; skipped")
            return nil
        }
        func converted(_ index: Int) -> Double? {
            guard index < parts.count, let value = StrictDecimal.parse(String(parts[index])) else { return nil }
            return value * unit.factor
        }
        var item = Item(label: label, value: nil, kind: unit.kind, unit: unit.unit,
                        warn: converted(1), crit: converted(2), min: converted(3), max: converted(4))
        if number == "U" { return item }
        guard let value = StrictDecimal.parse(String(number)) else {
            issues.append("perfdata '\(label)': '\(valueText)' is not a number with a unit; skipped")
            return nil
        }
        item.value = value * unit.factor
        return item
    }

    /// The number at the start of a value (`12.5` of `12.5ms`; an exponent only when digits
    /// follow the `e`), or `U`.
    private static func numberPrefix(_ text: Substring) -> Substring {
        if text == "U" { return text }
        var end = text.startIndex
        while end < text.endIndex, "0123456789.+-".contains(text[end]) { end = text.index(after: end) }
        if end < text.endIndex, text[end] == "e" || text[end] == "E" {
            var exponent = text.index(after: end)
            if exponent < text.endIndex, text[exponent] == "+" || text[exponent] == "-" { exponent = text.index(after: exponent) }
            if exponent < text.endIndex, text[exponent].isASCII, text[exponent].isNumber {
                end = exponent
                while end < text.endIndex, text[end].isASCII, text[end].isNumber { end = text.index(after: end) }
            }
        }
        return text[..<end]
    }
}
