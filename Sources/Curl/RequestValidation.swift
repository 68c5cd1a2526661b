internal import CCurl

/// Scheme, host and port of a URL, parsed with libcurl's own URL parser so validation agrees
/// with what the transfer will do.
struct URLTarget: Sendable {
    static let allowedSchemes: Set<String> = ["http", "https"]

    var scheme: String
    var host: String
    var port: Int

    var hostPort: String { "\(host):\(port)" }

    /// Throws `.invalidURL` or `.unsupportedScheme` (any scheme is parsed so that "gopher://x"
    /// is reported as the wrong scheme, not as a malformed URL).
    init(parsing url: String) throws(HTTPError) {
        guard let handle = curl_url() else { throw .invalidURL(url) }
        defer { curl_url_cleanup(handle) }
        guard curl_url_set(handle, CURLUPART_URL, url, UInt32(CURLU_NON_SUPPORT_SCHEME)) == CURLUE_OK,
              let scheme = Self.part(handle, CURLUPART_SCHEME)?.lowercased()
        else { throw .invalidURL(url) }
        guard Self.allowedSchemes.contains(scheme) else { throw .unsupportedScheme(scheme) }
        guard let host = Self.part(handle, CURLUPART_HOST), !host.isEmpty,
              let port = Self.part(handle, CURLUPART_PORT, flags: UInt32(CURLU_DEFAULT_PORT)).flatMap({ Int($0) })
        else { throw .invalidURL(url) }
        self.scheme = scheme
        self.host = host
        self.port = port
    }

    private static func part(_ handle: OpaquePointer, _ part: CURLUPart, flags: UInt32 = 0) -> String? {
        var value: UnsafeMutablePointer<CChar>?
        guard curl_url_get(handle, part, &value, flags) == CURLUE_OK, let value else { return nil }
        defer { curl_free(value) }
        return String(cString: value)
    }
}

extension HTTPRequest {
    /// Everything that can be rejected without touching the network, so such errors are
    /// reported before a transfer is queued.
    func validate() throws(HTTPError) -> URLTarget {
        let target = try URLTarget(parsing: url)
        for header in headers where !header.isWellFormed {
            throw .invalidHeader(name: header.name)
        }
        return target
    }
}

extension HTTPHeader {
    private static let separators: Set<UInt8> = Set("()<>@,;:\\\"/[]?={} \t".utf8)

    /// A token name and a value without CR, LF or NUL: anything else would let a value
    /// inject extra header lines into the request.
    var isWellFormed: Bool {
        let nameOK = !name.isEmpty
            && name.utf8.allSatisfy { $0 > 0x20 && $0 < 0x7F && !Self.separators.contains($0) }
        let valueOK = !value.utf8.contains { $0 == 0x0D || $0 == 0x0A || $0 == 0 }
        return nameOK && valueOK
    }
}
