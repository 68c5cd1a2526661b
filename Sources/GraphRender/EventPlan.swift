/// Timeline events as rrd_graph elements, coloured by kind.
///
/// A moment is a `VRULE` at its time. An event with an end is a `VRULE` at each edge plus a shaded
/// band between them. rrd_graph has no rectangle element; the band is an `AREA` of a CDEF that is
/// `INF` inside the event and unknown outside (rrd_graph draws `INF` to the top edge whatever the
/// scale), and a second one of `NEGINF` for the part below zero. The band follows the data's step,
/// so its edges are only as sharp as the step; the rules mark the exact times. `TICK` could shade
/// too, but draws one thin line per data point, which leaves gaps when a step is wider than a pixel.
///
/// Only events overlapping the graph are drawn, the latest ``GraphLimits/maxEvents`` of them, and
/// the latest ``GraphLimits/maxLabelledEvents`` get a legend entry; a comment counts the rest.
struct EventPlan {
    let spec: GraphSpec
    let events: [TimelineEvent]

    init(spec: GraphSpec, events: [TimelineEvent]) {
        self.spec = spec
        self.events = events.filter { $0.overlaps(start: spec.start, end: spec.end) }
            .sorted { ($0.start, $0.end ?? $0.start) < ($1.start, $1.end ?? $1.start) }
    }

    var arguments: [String] {
        let drawn = Array(events.suffix(GraphLimits.maxEvents))
        let labelled = spec.legend ? min(drawn.count, GraphLimits.maxLabelledEvents) : 0
        var arguments: [String] = []
        for (index, event) in drawn.enumerated() {
            let label = index >= drawn.count - labelled ? legend(event) : nil
            arguments += elements(event, name: "e\(index)", label: label)
        }
        let unlabelled = events.count - labelled
        if spec.legend, unlabelled > 0 {
            arguments.append("COMMENT:" + GraphText.element("and \(unlabelled) earlier events", endsWithCode: true) + "\\l")
        }
        return arguments
    }

    private func legend(_ event: TimelineEvent) -> String {
        let text = GraphText.sanitized(event.label, limit: GraphLimits.eventLabelLength)
        return event.kind.rawValue + (text.isEmpty ? "" : ": " + text)
    }

    private func elements(_ event: TimelineEvent, name: String, label: String?) -> [String] {
        let color = spec.theme.color(for: event.kind)
        // One line per labelled event: a legible list, not a line stretched across the width.
        let legend = label.map { ":" + GraphText.element($0, endsWithCode: true) + "\\l" } ?? ""
        guard let end = event.end, end > event.start else {
            return ["VRULE:\(event.start)\(color.hex)\(legend)"]
        }
        // Rules only where the edges fall inside the graph; the band is clipped by rrd_graph.
        var arguments: [String] = []
        let inside = "s0,POP,TIME,\(event.start),GE,TIME,\(end),LE,*"
        arguments += ["CDEF:\(name)up=\(inside),INF,UNKN,IF", "CDEF:\(name)down=\(inside),NEGINF,UNKN,IF",
                      "AREA:\(name)up\(color.withAlpha(0x30).hex)\(legend)", "AREA:\(name)down\(color.withAlpha(0x30).hex)"]
        if event.start >= spec.start { arguments.append("VRULE:\(event.start)\(color.hex)") }
        if end <= spec.end { arguments.append("VRULE:\(end)\(color.hex)") }
        return arguments
    }
}
