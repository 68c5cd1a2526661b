import GraphRender
import HTTPTypes
import Hummingbird
import NIOCore

/// A rendered graph as an HTTP answer: the PNG, and where its drawing area lies, in headers, so
/// that a page can map the mouse to a time without parsing the image.
enum GraphResponse {
    static func make(_ graph: RenderedGraph) -> Response {
        let layout = graph.layout
        var headers: HTTPFields = [.contentType: "image/png", .cacheControl: "no-cache"]
        for (name, value) in [("X-Graph-Left", layout.left), ("X-Graph-Top", layout.top), ("X-Graph-Width", layout.width),
                              ("X-Graph-Height", layout.height), ("X-Graph-Start", layout.start), ("X-Graph-End", layout.end)] {
            headers[HTTPField.Name(name)!] = String(value)
        }
        // Pages on another origin (a wall screen's file) may read the headers.
        headers[HTTPField.Name("Access-Control-Expose-Headers")!] = "X-Graph-Left, X-Graph-Top, X-Graph-Width, X-Graph-Height, X-Graph-Start, X-Graph-End"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: graph.png)))
    }
}
