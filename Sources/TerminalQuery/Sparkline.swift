/// A row of block characters for a series: `▁▂▃▄▅▆▇█`, a space where nothing is known.
public enum Sparkline {
    static let blocks: [Character] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]

    /// `values` squeezed into at most `width` columns (each column the mean of the known values
    /// it covers), scaled between the smallest and largest known value; a flat series is `▄`.
    public static func render(_ values: [Double?], width: Int) -> String {
        let columns = squeeze(values, width: width)
        let known = columns.compactMap { $0 }
        guard let low = known.min(), let high = known.max() else { return String(repeating: " ", count: columns.count) }
        return String(columns.map { value -> Character in
            guard let value else { return " " }
            guard high > low else { return blocks[3] }
            let level = Int(((value - low) / (high - low) * Double(blocks.count - 1)).rounded())
            return blocks[min(max(level, 0), blocks.count - 1)]
        })
    }

    /// Column `c` of `width` covers the values `c * count / width ..< (c + 1) * count / width`;
    /// with fewer values than columns, one column per value.
    public static func columnCount(values: Int, width: Int) -> Int { max(0, min(values, width)) }

    static func squeeze(_ values: [Double?], width: Int) -> [Double?] {
        let columns = columnCount(values: values.count, width: width)
        return (0..<columns).map { column in
            let lower = column * values.count / columns, upper = (column + 1) * values.count / columns
            let known = values[lower..<upper].compactMap { $0 }
            return known.isEmpty ? nil : known.reduce(0, +) / Double(known.count)
        }
    }
}
