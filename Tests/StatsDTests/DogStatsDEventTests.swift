import StatsD
import Testing

/// The `_e{...}` grammar, line by line: what a good line holds and why a bad one is refused.
@Suite struct DogStatsDEventTests {
    func parse(_ line: String) -> Result<DogStatsDEvent, BadLineReason> {
        var line = line
        return line.withUTF8 { DogStatsDEvent.parse(UnsafeRawBufferPointer($0)) }
    }

    @Test func everySection() throws {
        let event = try parse("_e{6,12}:deploy|web v1.2\\nok|d:1700000000|h:web-1|p:low|t:error|k:agg|s:ci|c:ci://x|#service:web,canary").get()
        #expect(event.title == "deploy")
        #expect(event.text == "web v1.2\nok")
        #expect(event.timestamp == 1_700_000_000)
        #expect(event.host == "web-1" && event.priority == "low" && event.alertType == "error")
        #expect(event.aggregationKey == "agg" && event.sourceType == "ci")
        #expect(event.tags.map(\.key) == ["service", "canary"] && event.tags.map(\.value) == ["web", ""])
    }

    @Test func lengthsAreUTF8BytesSoTitlesMayHoldBars() throws {
        let event = try parse("_e{7,6}:a|b ✓|té|xt").get()
        #expect(event.title == "a|b ✓" && event.text == "té|xt")
        #expect(try parse("_e{5,0}:title|").get().text == "")
    }

    @Test(arguments: [
        ("_e{7,8}:deploy|web v1.2", BadLineReason.badEvent), ("_e{6,9}:deploy|web v1.2", .badEvent), ("_e{6,8}deploy|web v1.2", .badEvent),
        ("_e{0,1}:|x", .badEvent), ("_e{x,1}:a|b", .badEvent), ("_e{1}:a", .badEvent), ("_e{999999,1}:a|b", .badEvent),
        ("_e{6,8}:deploy|web v1.2|p:urgent", .badEvent), ("_e{6,8}:deploy|web v1.2|t:fatal", .badEvent),
        ("_e{6,8}:deploy|web v1.2||h:x", .badEvent), ("_e{6,8}:deploy|web v1.2|", .badEvent), ("_e{6,8}:deploy|web v1.2|h", .badEvent),
        ("_e{6,8}:deploy|web v1.2|d:soon", .badTimestamp), ("_e{6,8}:deploy|web v1.2|d:-5", .badTimestamp),
        ("_e{6,8}:deploy|web v1.2|#,", .badTags), ("_e{6,8}:deploy|web v1.2|#a|#b", .badTags), ("_e{6,8}:deploy|web v1.2|#:v", .badTags),
    ])
    func refused(_ line: String, _ reason: BadLineReason) {
        #expect(throws: reason) { try parse(line).get() }
    }

    @Test func aDatagramMixesEventsAndMetrics() {
        let result = StatsDParser.parse("_e{1,1}:x|y\na:1|c\n_e{2,1}:x|y\n")
        #expect(result.metrics.count == 1)
        #expect(result.events == 1)
        #expect(result.badLines.counts == [.badEvent: 1])
    }
}
