import Curl
import Foundation

extension EndpointCollector {
    /// Up, status, timings and size; up is 0 when the transfer failed or an expectation did not hold.
    func check(_ outcome: Result<HTTPResponse, HTTPError>, into builder: inout SeriesBuilder) -> String? {
        let prefix = endpoint.prefix
        guard case .success(let response) = outcome else {
            if case .failure(let error) = outcome { return "\(error)" }
            return nil
        }
        builder.gauge("\(prefix).status", Double(response.status), min: 0, max: 999)
        builder.gauge("\(prefix).dns_time", Self.seconds(response.timings.dns), unit: "s")
        builder.gauge("\(prefix).connect_time", Self.seconds(response.timings.connect), unit: "s")
        builder.gauge("\(prefix).first_byte_time", Self.seconds(response.timings.firstByte), unit: "s")
        builder.gauge("\(prefix).total_time", Self.seconds(response.timings.total), unit: "s")
        builder.gauge("\(prefix).size", Double(response.body.count), unit: "B")
        return expectationFailure(response)
    }

    func expectationFailure(_ response: HTTPResponse) -> String? {
        let rules = endpoint.check
        let statusOK = rules.expectStatus.isEmpty ? (200..<400).contains(response.status) : rules.expectStatus.contains(response.status)
        if !statusOK {
            let wanted = rules.expectStatus.isEmpty ? "2xx or 3xx" : rules.expectStatus.map(String.init).joined(separator: " or ")
            return "answered HTTP \(response.status), expected \(wanted)"
        }
        guard rules.bodyContains != nil || bodyRegex != nil else { return nil }
        let text = String(decoding: response.body, as: UTF8.self)
        if let needle = rules.bodyContains, !text.contains(needle) {
            return "the body does not contain '\(needle)'"
        }
        if let regex = bodyRegex, regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) == nil {
            return "the body does not match /\(regex.pattern)/"
        }
        return nil
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}
