import Hummingbird
import NIOCore

/// The dashboard pages: `/` (index), `/dashboards/NAME` (interactive view), `/wall/NAME` (wall
/// mode) and their scripts and styles under `/assets/`. The pages are static; they fetch
/// everything else from the JSON and PNG endpoints, passing on a `token` from their own URL.
public enum WebPages {
    /// Scripts, styles and connections only from the daemon; images also from blob: (graphs
    /// fetched to read their headers) and data: URLs. No inline script can run.
    static let contentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' blob: data:; object-src 'none'; "
        + "base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

    /// The token in a page's URL must not travel further in a Referer header.
    static let referrerPolicy = HTTPFields.Element.Name("Referrer-Policy")!

    static let assets: [String: WebAsset] = Dictionary(
        uniqueKeysWithValues: WebAssets.files.map { name, text in (name, WebAsset(name: name, text: text)) })

    /// Adds the page and asset routes to `router`.
    public static func register<Context: RequestContext>(on router: Router<Context>) {
        router.get("/") { request, _ in serve("index.html", request) }
        router.get("dashboards/:name") { request, _ in serve("dashboard.html", request) }
        router.get("wall/:name") { request, _ in serve("wall.html", request) }
        router.get("assets/:file") { request, context in
            // Only the embedded names exist: nothing here ever touches the file system.
            serve(context.parameters.get("file") ?? "", request)
        }
    }

    static func serve(_ name: String, _ request: Request) -> Response {
        guard let asset = assets[name] else {
            return Response(status: .notFound, headers: securityHeaders(contentType: "text/plain; charset=utf-8"),
                            body: .init(byteBuffer: ByteBuffer(string: "no such page or asset\n")))
        }
        var headers = securityHeaders(contentType: asset.contentType)
        headers[.eTag] = asset.eTag
        headers[.cacheControl] = asset.cacheControl
        if let tags = request.headers[.ifNoneMatch], tags.split(separator: ",").contains(where: { $0.trimmingSpaces == asset.eTag }) {
            return Response(status: .notModified, headers: headers)
        }
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: asset.body))
    }

    static func securityHeaders(contentType: String) -> HTTPFields {
        [.contentType: contentType, .contentSecurityPolicy: contentSecurityPolicy, .xContentTypeOptions: "nosniff",
         referrerPolicy: "no-referrer"]
    }
}

private extension Substring {
    var trimmingSpaces: Substring {
        let start = firstIndex { $0 != " " } ?? endIndex
        let end = lastIndex { $0 != " " }.map(index(after:)) ?? start
        return self[start..<end]
    }
}
