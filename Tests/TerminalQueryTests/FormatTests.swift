import Testing
@testable import TerminalQuery

@Suite struct ValueFormatTests {
    @Test(arguments: [
        (nil, "", "–"), (Double.nan, "", "–"),
        (0.0, "", "0"), (0.5, "", "0.500"), (0.0123, "", "0.0123"), (12.345, "", "12.3"), (999.0, "", "999"),
        (1_234.0, "", "1.23 k"), (2_500_000.0, "req/s", "2.50 Mreq/s"), (-4_200.0, "", "-4.20 k"),
        (12.34, "%", "12.3 %"), (100.0, "%", "100.0 %"),
        (512.0, "B", "512 B"), (1_536.0, "B", "1.50 KiB"), (25_276_502_016.0, "B", "23.5 GiB"),
        (1_048_576.0, "B/s", "1.00 MiB/s"), (2_048.0, "KiB/s", "2.00 MiB/s"),
        (0.00035, "s", "350 µs"), (0.012, "s", "12.0 ms"), (4.2, "s", "4.20 s"), (210.0, "s", "3.50 min"),
        (7_200.0, "s", "2.00 h"), (259_200.0, "s", "3.00 d"), (230.0, "ms", "230 ms"), (1_500.0, "ms", "1.50 s"),
        (3.0, "ops/s", "3.00 ops/s"),
    ] as [(Double?, String, String)])
    func formats(_ value: Double?, _ unit: String, _ expected: String) {
        #expect(ValueFormat.format(value, unit: unit) == expected)
    }
}

@Suite struct SparklineTests {
    @Test func risingValuesUseEveryBlock() {
        #expect(Sparkline.render([0, 1, 2, 3, 4, 5, 6, 7], width: 40) == "▁▂▃▄▅▆▇█")
    }

    @Test func gapsAreSpacesAndFlatIsMiddle() {
        #expect(Sparkline.render([1, nil, 1, nil], width: 40) == "▄ ▄ ")
        #expect(Sparkline.render([nil, nil], width: 40) == "  ")
        #expect(Sparkline.render([], width: 40) == "")
    }

    /// More points than columns: each column is the mean of its points; a column with only
    /// unknown points stays a gap.
    @Test func squeezesToTheWidth() {
        let values: [Double?] = [0, 0, nil, nil, 10, 10, 5, 5]
        #expect(Sparkline.squeeze(values, width: 4) == [0, nil, 10, 5])
        #expect(Sparkline.render(values, width: 4) == "▁ █▅")
        #expect(Sparkline.render(Array(repeating: 1.0, count: 10_000), width: 30).count == 30)
    }
}

@Suite struct NearestNamesTests {
    @Test func suggestsCloseNamesOnly() {
        let names = ["host.cpu.total.user", "host.cpu.total.system", "host.memory.free", "app.web.http.5xx"]
        #expect(NearestNames.closest(to: ["host.cpu.totl.user"], among: names) == ["host.cpu.total.user", "host.cpu.total.system"].filter { NearestNames.distance(Array("host.cpu.totl.user".utf8), Array($0.utf8)) <= 6 })
        #expect(NearestNames.closest(to: ["host.cpu.totl.user"], among: names).first == "host.cpu.total.user")
        #expect(NearestNames.closest(to: ["zzzz.qqqq"], among: names).isEmpty)
    }

    @Test func distance() {
        #expect(NearestNames.distance(Array("kitten".utf8), Array("sitting".utf8)) == 3)
        #expect(NearestNames.distance([], Array("abc".utf8)) == 3)
    }
}

@Suite struct TerminalStyleTests {
    @Test(arguments: [
        (true, [:], true), (false, [:], false), (true, ["NO_COLOR": "1"], false),
        (true, ["NO_COLOR": ""], true), (true, ["TERM": "dumb"], false),
    ] as [(Bool, [String: String], Bool)])
    func colourOnlyOnATerminal(_ terminal: Bool, _ environment: [String: String], _ colour: Bool) {
        #expect(TerminalStyle.detect(isTerminal: terminal, environment: environment).colour == colour)
    }
}
