import GraphRender

extension TimelineEvent {
    /// How a stored event is drawn: its kind picks the colour (an unknown kind is drawn as a
    /// deploy, with the kind in front of the label so that it still reads right); a zero-length
    /// span is a moment. The label stays verbatim: GraphRender escapes it for rrd_graph.
    public init(_ event: Event) {
        let known = TimelineEvent.Kind(rawValue: event.kind)
        self.init(start: event.start,
                  end: event.end.flatMap { $0 > event.start ? $0 : nil },
                  kind: known ?? .deploy,
                  label: known == nil ? "\(event.kind): \(event.what)" : event.what)
    }
}
