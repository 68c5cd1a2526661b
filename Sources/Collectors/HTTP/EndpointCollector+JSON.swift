import Curl
import Foundation
import MetricStore

extension EndpointCollector {
    /// Numbers at the configured paths; up is 0 when the body is not a JSON document.
    func json(_ outcome: Result<HTTPResponse, HTTPError>, into builder: inout SeriesBuilder) -> String? {
        let response: HTTPResponse
        switch body(outcome) {
        case .failure(let failure): return failure.description
        case .success(let value): response = value
        }
        let document: Any
        do {
            // JSONSerialization refuses nesting deeper than 512 levels instead of overflowing the stack.
            document = try JSONSerialization.jsonObject(with: Data(response.body))
        } catch {
            return "the body is not JSON (\(Self.preview(response.body))): \(Self.reason(error))"
        }
        for field in endpoint.json.fields {
            let matches = field.path.evaluate(document)
            if matches.isEmpty { failures.noteOnce("JSON path '\(field.path)' matches nothing") }
            for (matched, value) in matches {
                guard let number = number(value) else {
                    failures.noteOnce("JSON path '\(field.path)' reaches \(Self.describe(value)), not a number\(value is String ? " (set numeric_strings: true to accept numbers in strings)" : "")")
                    continue
                }
                let name = metricName(field, matched: matched)
                if field.counter {
                    builder.add("\(endpoint.prefix).\(name)", .counter, number)
                } else {
                    builder.gauge("\(endpoint.prefix).\(name)", number, min: nil)
                }
            }
        }
        return nil
    }

    func metricName(_ field: JSONField, matched: [String]) -> String {
        guard let template = field.name else { return field.path.defaultName(matched: matched) }
        var wildcards = matched.makeIterator()
        return template.split(separator: ".", omittingEmptySubsequences: false).map { segment in
            segment == "*" ? MetricName.segment(from: wildcards.next() ?? "_") : String(segment)
        }.joined(separator: ".")
    }

    /// Numbers and booleans (as 0 or 1); numeric strings only when configured, in plain decimal.
    func number(_ value: Any) -> Double? {
        if let number = value as? NSNumber {
            // `1 as? Bool` succeeds too, so booleans are told apart by their type (__NSCFBoolean).
            if Self.isBoolean(value) { return number.boolValue ? 1 : 0 }
            let double = number.doubleValue
            return double.isFinite ? double : nil
        }
        if let text = value as? String, endpoint.json.numericStrings { return StrictDecimal.parse(text) }
        return nil
    }

    static func isBoolean(_ value: Any) -> Bool {
        type(of: value) == Bool.self || String(describing: type(of: value)).contains("Boolean")
    }

    static func describe(_ value: Any) -> String {
        switch value {
        case is String: return "a string"
        case is [Any]: return "an array"
        case is [String: Any]: return "an object"
        case is NSNull: return "null"
        default: return "a \(type(of: value))"
        }
    }

    static func preview(_ body: [UInt8]) -> String {
        let text = String(decoding: body.prefix(40), as: UTF8.self).replacingOccurrences(of: "\n", with: " ")
        return body.isEmpty ? "empty" : "starts with '\(text)'"
    }

    static func reason(_ error: any Error) -> String {
        (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String ?? "\(error)"
    }
}
