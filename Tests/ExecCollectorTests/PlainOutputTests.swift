@testable import Collectors
import MetricStore
import Testing

@Suite struct PlainOutputTests {
    let time = 1_700_000_000

    @Test(arguments: [
        ("users 5", "exec.app.users", 5.0),
        ("biz.signups 7", "biz.signups", 7),
        ("temp\t-3.5", "exec.app.temp", -3.5),
        ("  spaced   1e3  ", "exec.app.spaced", 1_000),
        ("with-dash_and_9 0", "exec.app.with-dash_and_9", 0),
    ])
    func goodLines(line: String, name: String, value: Double) {
        let output = PlainOutput.parse(line, prefix: "exec.app", time: time, now: time)
        #expect(output.issues == [])
        #expect(output.samples.map(\.name.rawValue) == [name])
        #expect(output.samples.first?.value == value)
        #expect(output.samples.first?.kind == .gauge)
        #expect(output.samples.first?.time == time)
    }

    @Test(arguments: [
        ("users", "is not 'name value"),
        ("users 1 2 3", "is not 'name value"),
        ("users nan", "is not a decimal number"),
        ("users inf", "is not a decimal number"),
        ("users 0x10", "is not a decimal number"),
        ("users 1,5", "is not a decimal number"),
        ("users 5 yesterday", "is not a timestamp"),
        ("a..b 1", "empty segment"),
        ("bad/name 1", "the character '/'"),
        ("-lead 1", "starts with '-'"),
        ("# TYPE users", "is not '# TYPE name"),
        ("# TYPE users histogram", "is not '# TYPE name"),
    ])
    func badLinesAreSkippedWithAReason(line: String, reason: String) {
        let output = PlainOutput.parse(line + "\nok 1", prefix: "exec.app", time: time, now: time)
        #expect(output.samples.map(\.name.rawValue) == ["exec.app.ok"])
        #expect(output.issues.count == 1)
        #expect(output.issues.first?.contains(reason) == true, "\(output.issues)")
    }

    @Test func typeCommentsMarkCountersBeforeTheirName() {
        let text = """
        # TYPE requests counter
        #TYPE biz.orders counter
        # TYPE resets absolute
        # a plain comment
        requests 10
        biz.orders 3
        resets 1
        level 4
        """
        let kinds = Dictionary(uniqueKeysWithValues: PlainOutput.parse(text, prefix: "exec.app", time: time, now: time).samples.map { ($0.name.rawValue, $0.kind) })
        #expect(kinds == ["exec.app.requests": .counter, "biz.orders": .counter, "exec.app.resets": .absolute, "exec.app.level": .gauge])
    }

    @Test func timestampsAreUsedUnlessTooFarAhead() {
        let text = "past 1 \(time - 300)\nsoon 2 \(time + 30)\nfar 3 \(time + 3_600)\nfraction 4 \(time - 10).75"
        let output = PlainOutput.parse(text, prefix: "p", time: time, now: time)
        let times = Dictionary(uniqueKeysWithValues: output.samples.map { ($0.name.rawValue, $0.time) })
        #expect(times == ["p.past": time - 300, "p.soon": time + 30, "p.far": time, "p.fraction": time - 10])
        #expect(output.issues.count == 1)
        #expect(output.issues.first?.contains("more than 60 s ahead") == true)
    }

    @Test func aNameTwiceAtOneTimeKeepsTheFirst() {
        let output = PlainOutput.parse("a 1\na 2\na 3 \(time - 10)", prefix: "p", time: time, now: time)
        #expect(output.samples.map(\.value) == [1, 3])
        #expect(output.issues.count == 1)
        #expect(output.series.count == 1)
    }

    @Test func emptyOutputIsNothing() {
        let output = PlainOutput.parse("\n\n  \n", prefix: "p", time: time, now: time)
        #expect(output.samples.isEmpty && output.issues.isEmpty)
    }
}
