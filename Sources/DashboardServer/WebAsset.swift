import NIOCore

/// One embedded file ready to serve: its bytes, content type, cache policy and an ETag so that a
/// reloading browser (a wall screen, every few minutes) gets a 304 instead of the body.
struct WebAsset: Sendable {
    let body: ByteBuffer
    let contentType: String
    let cacheControl: String
    let eTag: String

    init(name: String, text: String) {
        body = ByteBuffer(string: text)
        contentType = Self.contentType(of: name)
        // Pages revalidate every time (they name the assets); assets may be reused for a minute.
        cacheControl = name.hasSuffix(".html") ? "no-cache" : "public, max-age=60"
        eTag = "\"\(Self.fnv1a(text.utf8))\""
    }

    static func contentType(of name: String) -> String {
        switch name.split(separator: ".").last {
        case "html": "text/html; charset=utf-8"
        case "css": "text/css; charset=utf-8"
        case "js": "text/javascript; charset=utf-8"
        case "svg": "image/svg+xml"
        default: "application/octet-stream"
        }
    }

    /// 64-bit FNV-1a in hex: a content hash that is stable across runs (unlike `Hasher`).
    static func fnv1a(_ bytes: some Sequence<UInt8>) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        return String(hash, radix: 16)
    }
}
