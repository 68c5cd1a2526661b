import Foundation

/// Evaluated series in graphite-web's render formats.
public enum RenderOutput {
    /// `[{"target": name, "tags": {...}, "datapoints": [[value|null, time], ...]}]`, keys sorted.
    /// `noNullPoints` leaves out unknown points (and series left empty), as graphite-web does.
    public static func json(_ series: [GraphiteSeries], noNullPoints: Bool = false) -> [UInt8] {
        struct Item: Encodable {
            var target: String
            var tags: [String: String]
            var datapoints: [Point]
        }
        struct Point: Encodable {
            var value: Double?
            var time: Int
            func encode(to encoder: any Encoder) throws {
                var pair = encoder.unkeyedContainer()
                if let value { try pair.encode(value) } else { try pair.encodeNil() }
                try pair.encode(time)
            }
        }
        let items = series.compactMap { one -> Item? in
            var points = one.values.enumerated().map { Point(value: $1, time: one.time($0)) }
            if noNullPoints {
                points.removeAll { $0.value == nil }
                if points.isEmpty { return nil }
            }
            return Item(target: one.name, tags: one.tags, datapoints: points)
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        // Values are finite (GraphiteSeries drops the rest), so encoding cannot fail.
        return Array((try? encoder.encode(items)) ?? Data("[]".utf8))
    }

    /// One line per point: `name,YYYY-MM-DD HH:MM:SS,value` (empty when unknown), in `timeZone`.
    public static func csv(_ series: [GraphiteSeries], timeZone: TimeZone = .current) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = timeZone
        formatter.dateFormat = "yyyy-MM-dd HH:mm:ss"
        var text = ""
        for one in series {
            let name = csvField(one.name)
            for (index, value) in one.values.enumerated() {
                let date = formatter.string(from: Date(timeIntervalSince1970: TimeInterval(one.time(index))))
                text += "\(name),\(date),\(value.map(number) ?? "")\r\n"
            }
        }
        return text
    }

    /// graphite-web's raw format: `name,start,end,step|v1,v2,None,...` per series.
    public static func raw(_ series: [GraphiteSeries]) -> String {
        series.map { one in
            "\(one.name),\(one.start),\(one.end),\(one.step)|" + one.values.map { $0.map(number) ?? "None" }.joined(separator: ",") + "\n"
        }.joined()
    }

    /// A name with a comma or quote is quoted, quotes doubled (RFC 4180).
    static func csvField(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacing("\"", with: "\"\"") + "\""
    }

    /// Shortest text that reads back as the same Double (`1.5`, `2`).
    static func number(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : "\(value)"
    }
}
