import Testing
import PrometheusText

@Suite struct LimitTests {
    static let hundredThousand: [UInt8] = {
        var text = "# TYPE gen gauge\n"
        for i in 0..<100_000 { text += "gen{instance=\"host-\(i % 100)\",id=\"\(i)\"} \(i)\n" }
        return Array(text.utf8)
    }()

    @Test func noCapKeepsAll() {
        let e = Exposition.parse(Self.hundredThousand)
        #expect(e.samples.count == 100_000)
        #expect(e.droppedSamples == 0)
        #expect(e.samples.last?.value == 99_999)
    }

    @Test(arguments: [0, 1, 1000, 99_999, 100_000])
    func capKeepsTheFirstAndCountsTheRest(cap: Int) {
        let e = Exposition.parse(Self.hundredThousand, maxSamples: cap)
        #expect(e.samples.count == cap)
        #expect(e.droppedSamples == 100_000 - cap)
        #expect(e.issues == [])
        #expect(e.samples.last.map { Int($0.value) } == (cap > 0 ? cap - 1 : nil))
        // Storage follows the cap, not the input.
        #expect(e.samples.capacity <= 2 * cap + 16)
    }

    @Test func badLinesPastTheCapAreStillIssues() {
        let e = parse("a 1\nb 2\nc x\nd{v=\"\u{FFFD}\"} 3\ne{v=\"\\q\"} 4\n", maxSamples: 1)
        #expect(e.samples.map(\.name) == ["a"])
        #expect(e.droppedSamples == 3)
        #expect(e.issues.map(\.line) == [3])
    }

    @Test func invalidUTF8PastTheCapIsStillAnIssue() {
        var bytes = Array("a 1\nb{v=\"".utf8)
        bytes += [0xFF, 0x22, 0x7D, 0x20, 0x31, 0x0A]  // \xFF"} 1\n
        let e = Exposition.parse(bytes, maxSamples: 1)
        #expect(e.droppedSamples == 0)
        #expect(e.issues.first?.message.hasPrefix("label value is not valid UTF-8") == true)
    }

    @Test func issuesAreCappedButCounted() {
        let text = String(repeating: "bad\n", count: 10_000)
        let e = parse(text)
        #expect(e.issueCount == 10_000)
        #expect(e.issues.count == Exposition.maxIssues)
        #expect(e.issues.last?.line == Exposition.maxIssues)
    }

    @Test func negativeCapMeansNone() {
        let e = parse("a 1\n", maxSamples: -5)
        #expect(e.samples.isEmpty)
        #expect(e.droppedSamples == 1)
    }
}
