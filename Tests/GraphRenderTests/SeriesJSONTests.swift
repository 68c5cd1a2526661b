import Foundation
import Testing
@testable import GraphRender

/// The hand-written series JSON must be exactly what JSONEncoder (sorted keys) writes.
@Suite struct SeriesJSONTests {
    static func encoderBytes(_ data: SeriesData) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return Array(try encoder.encode(data))
    }

    @Test func sameBytesAsJSONEncoder() throws {
        let values: [Double?] = [0, 1, -1, 0.25, 1e-5, 123_456_789.125, 8_589_934_592, 1e21, 2.5e-300, -0.0, nil,
                                 1 / 3, 100, 99.99, 6.02e23, 1_795_876_916]
        let points = values.enumerated().map { SeriesData.Point(time: 1_700_000_000 + $0.offset * 10, value: $0.element) }
        let data = SeriesData(start: 1_700_000_000, end: 1_700_000_180, step: 10, series: [
            SeriesData.Series(name: "host.load.1", cf: .average, points: points),
            SeriesData.Series(name: "empty", cf: .max, points: []),
        ], events: [
            TimelineEvent(start: 1_700_000_050, end: nil, kind: .deploy, label: #"web "v1" </script> \ é 😀 \#u{1}\#n\#t"#),
            TimelineEvent(start: 1_700_000_060, end: 1_700_000_090, kind: .incident, label: "db"),
        ])
        let mine = data.encodedJSON()
        #expect(String(decoding: mine, as: UTF8.self) == String(decoding: try Self.encoderBytes(data), as: UTF8.self))
        let decoded = try JSONDecoder().decode(SeriesData.self, from: Data(mine))
        #expect(decoded.events == data.events)
        #expect(decoded.series[0].points.map(\.value) == values)
    }

    /// What JSON cannot hold is written as null, never as NaN.
    @Test func nonFiniteIsNull() {
        for value in [Double.nan, .infinity, -.infinity, nil] {
            var out: [UInt8] = []
            JSONText.number(value, into: &out)
            #expect(out == Array("null".utf8))
        }
    }
}
