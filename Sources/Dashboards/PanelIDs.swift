/// Gives every panel a unique id: the one in the file (checked), else one derived from the
/// title (`CPU time` -> `cpu-time`), else `panel-N` from its position.
struct PanelIDs {
    private var used: Set<String> = []

    struct Problem: Error, CustomStringConvertible {
        var description: String
    }

    mutating func assign(explicit: String?, title: String?, index: Int) -> Result<String, Problem> {
        if let explicit {
            guard Self.isValid(explicit) else {
                return .failure(Problem(description: "id '\(explicit.prefix(40))' must be 1 to \(DashboardLimits.idLength) characters of a-z, 0-9, '-' and '_'"))
            }
            guard used.insert(explicit).inserted else {
                return .failure(Problem(description: "id '\(explicit)' is used by an earlier panel; ids must be unique"))
            }
            return .success(explicit)
        }
        let base = title.map(Self.slug).flatMap { $0.isEmpty ? nil : $0 } ?? "panel-\(index + 1)"
        var candidate = base
        var counter = 2
        while used.contains(candidate) {
            candidate = "\(base)-\(counter)"
            counter += 1
        }
        used.insert(candidate)
        return .success(candidate)
    }

    static func isValid(_ id: String) -> Bool {
        !id.isEmpty && id.utf8.count <= DashboardLimits.idLength
            && id.utf8.allSatisfy { (0x61...0x7A).contains($0) || (0x30...0x39).contains($0) || $0 == 0x2D || $0 == 0x5F }
    }

    /// Lower-case ASCII letters and digits, other runs become one '-'; at most 40 characters.
    static func slug(_ title: String) -> String {
        var result = ""
        for scalar in title.lowercased().unicodeScalars {
            if scalar.isASCII, scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) {
                result.unicodeScalars.append(scalar)
            } else if !result.isEmpty, result.last != "-" {
                result.append("-")
            }
        }
        while result.last == "-" { result.removeLast() }
        return String(result.prefix(40)).trimmingDashes()
    }
}

private extension String {
    func trimmingDashes() -> String {
        var text = self
        while text.last == "-" { text.removeLast() }
        return text
    }
}
