import DeployImpact
import EventStore
import Foundation

/// `metrics deploys` output: an aligned table for a terminal, or a JSON array.
enum EventListing {
    static func json(_ events: [Event]) -> String {
        guard !events.isEmpty else { return "[]" }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: (try? encoder.encode(events)) ?? Data("[]".utf8), as: UTF8.self)
    }

    /// Columns TIME, KIND, WHAT, WHO, LINK; an event that lasted shows `+DURATION` after its time.
    /// With `impacts` (one per event), IMPACT, METRIC, CHANGE and CONFIDENCE come before LINK.
    static func table(_ events: [Event], impacts: [DeployImpactResult?]? = nil) -> String {
        let impactHeader = impacts == nil ? [] : ["IMPACT", "METRIC", "CHANGE", "CONFIDENCE"]
        let header = ["TIME", "KIND", "WHAT", "WHO"] + impactHeader + ["LINK"]
        let rows = events.enumerated().map { index, event in
            [EventTimeText.local(event.start) + (event.end.map { " +" + EventTimeText.duration($0 - event.start) } ?? ""),
             cell(event.kind, limit: 12), cell(event.what, limit: 60), cell(event.who ?? "-", limit: 20)]
            + (impacts.map { ImpactListing.cells($0[index]).map { cell($0, limit: 60) } } ?? [])
            + [cell(event.link ?? "-", limit: 80)]
        }
        let widths = header.indices.map { column in ([header] + rows).map { $0[column].count }.max() ?? 0 }
        return ([header] + rows).map { row in
            row.enumerated().map { column, text in
                column == row.count - 1 ? text : text.padding(toLength: widths[column], withPad: " ", startingAt: 0)
            }.joined(separator: "  ") + "\n"
        }.joined()
    }

    /// Text cut to `limit` characters, with anything that could drive a terminal shown as `?`
    /// (the store refuses control characters, but the file may have been written by others).
    private static func cell(_ text: String, limit: Int) -> String {
        let safe = String(String.UnicodeScalarView(text.unicodeScalars.map { scalar in
EventLimits.isForbidden(scalar) ? "?" : scalar
        }))
        return safe.count > limit ? String(safe.prefix(limit - 1)) + "…" : safe
    }
}
