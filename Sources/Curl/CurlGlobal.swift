internal import CCurl

/// curl_global_init must run once per process, before any other libcurl call and not
/// concurrently with itself; a static let is initialised exactly once, atomically, on first use.
enum CurlGlobal {
    private static let initialized: Bool = curl_global_init(Int(CURL_GLOBAL_DEFAULT)) == CURLE_OK

    static func ensureInitialized() {
        precondition(initialized, "curl_global_init failed; libcurl is unusable in this process")
    }
}
