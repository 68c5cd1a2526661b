import RRD

/// A rendered PNG and where its drawing area lies, so that a page can map a mouse position to a
/// time: pixels `left ..< left + width` span `start ... end`.
public struct RenderedGraph: Sendable, Equatable {
    public var png: [UInt8]
    public var layout: GraphLayout

    public init(png: [UInt8], layout: GraphLayout) {
        self.png = png
        self.layout = layout
    }
}

/// rrd_graph_v's `graph_left`, `graph_top`, `graph_width`, `graph_height`, `graph_start` and
/// `graph_end`: the drawing area in image pixels and the epoch seconds it covers.
public struct GraphLayout: Sendable, Equatable {
    public var left: Int
    public var top: Int
    public var width: Int
    public var height: Int
    public var start: Int
    public var end: Int

    public init(left: Int, top: Int, width: Int, height: Int, start: Int, end: Int) {
        (self.left, self.top, self.width, self.height, self.start, self.end) = (left, top, width, height, start, end)
    }

    /// From rrd_graph_v's info; missing keys (they are always there in librrd 1.7) read as 0.
    init(info: RRDInfo) {
        func value(_ key: String) -> Int { info.number(key).map { Int($0) } ?? 0 }
        self.init(left: value("graph_left"), top: value("graph_top"), width: value("graph_width"),
                  height: value("graph_height"), start: value("graph_start"), end: value("graph_end"))
    }
}
