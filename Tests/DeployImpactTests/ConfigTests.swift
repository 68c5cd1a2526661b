import DeployImpact
import Foundation
import Testing

@Suite struct ConfigTests {
    func decode(_ json: String) throws -> ImpactConfig {
        try JSONDecoder().decode(ImpactConfig.self, from: Data(json.utf8))
    }

    @Test func durationsAndPartialThresholdsDecodeWithDefaults() throws {
        let config = try decode("""
            {"windows": {"before": "2h", "after": 600}, "thresholds": {"zRegression": 9},
             "services": {"web": {"signals": [{"metric": "app.web.http.5xx", "kind": "rate"},
                                              {"metric": "app.web.latency", "kind": "level", "minAbsoluteChange": 0.05}]}},
             "webhook": "https://chat.example.com/hook"}
            """)
        #expect(config.windows == ImpactWindows(before: 7_200, after: 600))
        #expect(config.thresholds.zRegression == 9)
        #expect(config.thresholds.zSuspect == ImpactThresholds().zSuspect)
        #expect(config.signals(forService: "web").map(\.kind) == [.rate, .level])
        #expect(config.signals(forService: "api").isEmpty)
        try config.validate()
        #expect(try decode("{}") == ImpactConfig())
    }

    @Test func unreadableInputIsRefusedWhenDecoding() {
        #expect(throws: DecodingError.self) { try decode(#"{"windows": {"after": "soon"}}"#) }
        #expect(throws: DecodingError.self) { try decode(#"{"services": {"web": {"signals": [{"metric": "a.b", "kind": "latency"}]}}}"#) }
    }

    @Test(arguments: [
        (#"{"windows": {"after": "10s"}}"#, "window after"),
        (#"{"windows": {"before": "3d"}}"#, "window before"),
        (#"{"thresholds": {"zSuspect": 9, "zRegression": 3}}"#, "zSuspect"),
        (#"{"thresholds": {"pRegression": 0}}"#, "pRegression"),
        (#"{"services": {"web": {"signals": [{"metric": "a/../b", "kind": "rate"}]}}}"#, "a/../b"),
        (#"{"services": {"web": {"signals": [{"metric": "a.b", "kind": "rate", "minAbsoluteChange": -1}]}}}"#, "minAbsoluteChange"),
        (#"{"webhook": "file:///etc/passwd"}"#, "http or https"),
    ])
    func invalidConfigSaysWhatIsWrong(json: String, mention: String) throws {
        let config = try decode(json)
        #expect(throws: ImpactConfigError.self) { try config.validate() }
        do { try config.validate() } catch { #expect(error.description.contains(mention)) }
    }

    @Test func tooManySignalsAreRefused() throws {
        let signals = (0...ImpactConfig.maxSignals).map { SignalConfig(metric: "app.m\($0)", kind: .count) }
        #expect(throws: ImpactConfigError.tooManySignals(ImpactConfig.maxSignals + 1)) {
            try ImpactConfig(services: ["web": ServiceSignals(signals: signals)]).validate()
        }
    }

    @Test func resultsEncodeAsJSONEvenForARiseFromZero() throws {
        let points = Fixture.points { $0 > Fixture.deploy ? 20 : 0 }
        let result = ImpactDetector.assess(DeployTime(start: Fixture.deploy),
                                           signals: [SignalConfig(metric: "app.errors", kind: .count).series(points)], now: Fixture.now)
        #expect(result.verdict == .regression)
        let json = String(decoding: try JSONEncoder().encode(result), as: UTF8.self)
        #expect(json.contains(#""verdict":"regression""#))
        #expect(try JSONDecoder().decode(DeployImpactResult.self, from: Data(json.utf8)) == result)
    }
}
