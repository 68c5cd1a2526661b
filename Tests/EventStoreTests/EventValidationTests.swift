import TestSupport
import Testing
@testable import EventStore

/// Hostile and careless input from faults-and-conventions.md: each is refused with a message
/// naming what to fix, or stored verbatim (HTML and format characters are each sink's job).
@Suite struct EventValidationTests {
    let directory = TemporaryDirectory()

    static func event(what: String = "web v1", who: String? = "ana", tags: [String: String] = [:], link: String? = nil,
                      start: Int = t0, end: Int? = nil) -> NewEvent {
        NewEvent(start: start, end: end, what: what, who: who, tags: tags, link: link, source: .api)
    }

    static let manyTags = Dictionary(uniqueKeysWithValues: (0...20).map { ("k\($0)", "v") })

    @Test(arguments: [
        (event(what: ""), EventError.emptyWhat),
        (event(what: " \u{3000} "), .emptyWhat),
        (event(what: String(repeating: "x", count: 10_240)), .tooLong(field: "what", length: 10_240, max: 1_000)),
        (event(what: String(repeating: "é", count: 102_400)), .tooLong(field: "what", length: 102_400, max: 1_000)),
        (event(what: "v1\nFAKE log line"), .forbiddenCharacter(field: "what", scalar: 0x0A)),
        (event(what: "v1\r"), .forbiddenCharacter(field: "what", scalar: 0x0D)),
        (event(what: "\u{1B}[31mred"), .forbiddenCharacter(field: "what", scalar: 0x1B)),
        (event(what: "a\0b"), .forbiddenCharacter(field: "what", scalar: 0)),
        (event(what: "a\u{85}b"), .forbiddenCharacter(field: "what", scalar: 0x85)),
        (event(what: "abc\u{202E}gnp.exe"), .forbiddenCharacter(field: "what", scalar: 0x202E)),
        (event(what: "a\u{2028}b"), .forbiddenCharacter(field: "what", scalar: 0x2028)),
        (event(who: String(repeating: "w", count: 201)), .tooLong(field: "who", length: 201, max: 200)),
        (event(who: "ana\tbob"), .forbiddenCharacter(field: "who", scalar: 0x09)),
        (event(tags: manyTags), .tooManyTags(count: 21)),
        (event(tags: ["has space": "x"]), .badTagKey("has space")),
        (event(tags: ["": "x"]), .badTagKey("")),
        (event(tags: ["ümlaut": "x"]), .badTagKey("ümlaut")),
        (event(tags: ["a/b": "x"]), .badTagKey("a/b")),
        (event(tags: [String(repeating: "k", count: 65): "x"]), .badTagKey(String(repeating: "k", count: 65))),
        (event(tags: ["service": ""]), .emptyTagValue(key: "service")),
        (event(tags: ["service": String(repeating: "v", count: 201)]), .tooLong(field: "tag 'service'", length: 201, max: 200)),
        (event(tags: ["service": "web\n"]), .forbiddenCharacter(field: "tag 'service'", scalar: 0x0A)),
        (event(link: "javascript:alert(1)"), .badLink("javascript:alert(1)")),
        (event(link: "JaVaScRiPt://example.com/%0Aalert(1)"), .badLink("JaVaScRiPt://example.com/%0Aalert(1)")),
        (event(link: "data:text/html,<script>alert(1)</script>"), .badLink("data:text/html,<script>alert(1)</script>")),
        (event(link: "file:///etc/passwd"), .badLink("file:///etc/passwd")),
        (event(link: "ftp://example.com/x"), .badLink("ftp://example.com/x")),
        (event(link: "https://"), .badLink("https://")),
        (event(link: "//example.com/x"), .badLink("//example.com/x")),
        (event(link: "https://exa mple.com"), .badLink("https://exa mple.com")),
        (event(link: "https://example.com/" + String(repeating: "a", count: 2_000)), .tooLong(field: "link", length: 2_020, max: 2_000)),
        (event(start: 0), .timeOutOfRange(field: "start", time: 0)),
        (event(start: t0 * 1_000), .timeOutOfRange(field: "start", time: t0 * 1_000)),
        (event(start: 4_102_444_801), .timeOutOfRange(field: "start", time: 4_102_444_801)),
        (event(start: -1), .timeOutOfRange(field: "start", time: -1)),
        (event(end: Int.max), .timeOutOfRange(field: "end", time: Int.max)),
        (event(end: t0 - 1), .endBeforeStart(start: t0, end: t0 - 1)),
    ] as [(NewEvent, EventError)])
    func refusesWithAReasonAndStoresNothing(event: NewEvent, error: EventError) throws {
        let store = try makeStore(directory)
        #expect(throws: error) { try store.record(event) }
        #expect(try store.events(from: EventLimits.earliest, until: EventLimits.latest).isEmpty)
        #expect(error.description.count < 300)
    }

    @Test(arguments: [
        event(what: "<script>alert(1)</script>", who: "\"onload=alert(1) x=\""),
        event(what: "rate 100% : COMMENT:x \\: %n %s", tags: ["kind": "custom kind!"]),
        event(what: "deploy 👩‍💻 ✓ 中文 עברית", who: "José"),
        event(what: String(repeating: "x", count: 1_000), who: String(repeating: "w", count: 200)),
        event(tags: Dictionary(uniqueKeysWithValues: (0..<20).map { ("k.\($0)_-", String(repeating: "v", count: 200)) })),
        event(link: "HTTPS://ci.example.com/p/1?a=b&c=<d>#frag"),
        event(link: "http://[::1]:8080/x"),
        event(start: EventLimits.earliest, end: EventLimits.latest),
        event(end: t0),
    ])
    func storesOddButHarmlessTextVerbatim(event: NewEvent) throws {
        let store = try makeStore(directory)
        let stored = try store.record(event)
        #expect(try store.event(id: stored.id) == stored)
        #expect(stored.what == event.what && stored.who == event.who && stored.tags == event.tags && stored.link == event.link)
    }

    @Test func emptyWhoAndLinkCountAsAbsent() throws {
        let stored = try makeStore(directory).record(Self.event(who: "", link: ""))
        #expect(stored.who == nil && stored.link == nil)
    }

    @Test(arguments: [
        ("service", EventError.badTagFilter("service")),
        ("=web", .badTagKey("")),
        ("service=", .emptyTagValue(key: "service")),
        ("se rvice=web", .badTagKey("se rvice")),
    ])
    func tagFilterTextIsKeyEqualsValue(text: String, error: EventError) {
        #expect(throws: error) { try TagFilter(parsing: text) }
    }

    @Test func aTagKeyGivenTwiceIsRefused() {
        #expect(throws: EventError.duplicateTag(key: "service")) { try TagFilter.tags(parsing: ["service=web", "service=api"]) }
    }
}
