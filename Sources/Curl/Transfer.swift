internal import CCurl

/// One transfer: its easy handle and everything libcurl points into while it runs. Created,
/// driven and destroyed only on the multi thread (hence not Sendable); `deinit` is the one
/// place the C resources are freed.
final class Transfer {
    let id: UInt64
    let request: HTTPRequest
    let target: URLTarget
    let easy: UnsafeMutableRawPointer
    private let continuation: CheckedContinuation<Result<HTTPResponse, HTTPError>, Never>
    private var requestHeaders: UnsafeMutablePointer<curl_slist>?
    /// CURLOPT_ERRORBUFFER: curl writes a detailed message here on failure.
    let errorBuffer: UnsafeMutablePointer<CChar>

    // Filled by the callbacks.
    private(set) var body: [UInt8] = []
    private(set) var responseHeaders: [HTTPHeader] = []
    private(set) var exceededBodyLimit = false

    /// Nil only if libcurl cannot allocate a handle.
    init?(_ submission: Submission) {
        guard let easy = curl_easy_init() else { return nil }
        self.id = submission.id
        self.request = submission.request
        self.target = submission.target
        self.continuation = submission.continuation
        self.easy = easy
        self.errorBuffer = .allocate(capacity: Int(CURL_ERROR_SIZE))
        self.errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE))
    }

    deinit {
        // curl_easy_cleanup also frees the COPYPOSTFIELDS copy of the request body.
        curl_easy_cleanup(easy)
        curl_slist_free_all(requestHeaders)
        errorBuffer.deallocate()
    }

    /// Hands the outcome to the awaiting task; called exactly once, after the easy handle
    /// has left the multi handle.
    func complete(_ result: Result<HTTPResponse, HTTPError>) {
        continuation.resume(returning: result)
    }

    func fail(_ error: HTTPError) {
        complete(.failure(error))
    }

    // MARK: - Options

    func configure() throws(HTTPError) {
        try set(CURLOPT_URL, request.url)
        // Signals are process-wide and unsafe with threads; timeouts then rely on the
        // threaded resolver, which Debian's libcurl uses.
        try set(CURLOPT_NOSIGNAL, 1)
        try set(CURLOPT_PROTOCOLS_STR, "http,https")
        try set(CURLOPT_REDIR_PROTOCOLS_STR, "http,https")
        try set(CURLOPT_CONNECTTIMEOUT_MS, max(1, Int(request.connectTimeout.milliseconds)))
        try set(CURLOPT_TIMEOUT_MS, max(1, Int(request.totalTimeout.milliseconds)))
        try set(CURLOPT_FOLLOWLOCATION, request.maxRedirects > 0 ? 1 : 0)
        try set(CURLOPT_MAXREDIRS, max(0, request.maxRedirects))
        try set(CURLOPT_SSL_VERIFYPEER, request.verifyTLS ? 1 : 0)
        try set(CURLOPT_SSL_VERIFYHOST, request.verifyTLS ? 2 : 0)
        // "" = every encoding curl can decode; the body cap then applies to decoded bytes.
        try set(CURLOPT_ACCEPT_ENCODING, "")
        try check(ccurl_easy_setopt_pointer(easy, CURLOPT_ERRORBUFFER, UnsafeMutableRawPointer(errorBuffer)))
        // The id, not the object, so a stray handle can never be dereferenced as a Transfer.
        try check(ccurl_easy_setopt_pointer(easy, CURLOPT_PRIVATE, UnsafeMutableRawPointer(bitPattern: UInt(id))))
        try setCallbacks()
        try setHeaders()
        try setMethodAndBody()
    }

    private func setCallbacks() throws(HTTPError) {
        // Unretained: the multi loop keeps this Transfer alive while the handle is attached.
        let me = Unmanaged.passUnretained(self).toOpaque()
        try check(ccurl_easy_setopt_write_function(easy, CURLOPT_WRITEFUNCTION) { data, size, count, userdata in
            Unmanaged<Transfer>.fromOpaque(userdata!).takeUnretainedValue().receiveBody(data, size * count)
        })
        try check(ccurl_easy_setopt_pointer(easy, CURLOPT_WRITEDATA, me))
        try check(ccurl_easy_setopt_write_function(easy, CURLOPT_HEADERFUNCTION) { data, size, count, userdata in
            Unmanaged<Transfer>.fromOpaque(userdata!).takeUnretainedValue().receiveHeader(data, size * count)
        })
        try check(ccurl_easy_setopt_pointer(easy, CURLOPT_HEADERDATA, me))
    }

    private func setHeaders() throws(HTTPError) {
        for header in request.headers {
            // "Name;" is curl's syntax for sending a header with an empty value.
            let line = header.value.isEmpty ? "\(header.name);" : "\(header.name): \(header.value)"
            guard let list = curl_slist_append(requestHeaders, line) else {
                throw .transfer(code: Int(CURLE_OUT_OF_MEMORY.rawValue), message: "out of memory building request headers")
            }
            requestHeaders = list
        }
        if let requestHeaders {
            try check(ccurl_easy_setopt_slist(easy, CURLOPT_HTTPHEADER, requestHeaders))
        }
    }

    private func setMethodAndBody() throws(HTTPError) {
        switch request.method {
        case .get:
            try set(CURLOPT_HTTPGET, 1)
        case .post:
            // COPYPOSTFIELDS makes curl own a copy (freed by curl_easy_cleanup), so the Swift
            // array need not outlive this call. The size must be set first; it allows NUL bytes.
            let body = request.body ?? []
            try check(ccurl_easy_setopt_off_t(easy, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(body.count)))
            if body.isEmpty {
                try set(CURLOPT_COPYPOSTFIELDS, "")
            } else {
                let code = body.withUnsafeBytes {
                    ccurl_easy_setopt_pointer(easy, CURLOPT_COPYPOSTFIELDS, UnsafeMutableRawPointer(mutating: $0.baseAddress))
                }
                try check(code)
            }
        }
    }

    private func set(_ option: CURLoption, _ value: Int) throws(HTTPError) {
        try check(ccurl_easy_setopt_long(easy, option, value))
    }

    private func set(_ option: CURLoption, _ value: String) throws(HTTPError) {
        // curl copies string options (except POSTFIELDS, which is not used).
        try check(ccurl_easy_setopt_string(easy, option, value))
    }

    private func check(_ code: CURLcode) throws(HTTPError) {
        guard code == CURLE_OK else {
            throw .transfer(code: Int(code.rawValue), message: "could not configure the request: " + String(cString: curl_easy_strerror(code)))
        }
    }

    // MARK: - Callbacks (run on the multi thread, inside curl_multi_perform)

    /// Returning less than `count` makes curl abort the transfer with CURLE_WRITE_ERROR.
    private func receiveBody(_ data: UnsafeMutablePointer<CChar>?, _ count: Int) -> Int {
        guard body.count + count <= request.maxBodyBytes else {
            exceededBodyLimit = true
            return 0
        }
        body.append(contentsOf: UnsafeRawBufferPointer(start: data, count: count))
        return count
    }

    /// Called once per header line, for every response including redirects and 1xx; a status
    /// line starts a new response, so only the final response's headers survive.
    private func receiveHeader(_ data: UnsafeMutablePointer<CChar>?, _ count: Int) -> Int {
        let line = String(decoding: UnsafeRawBufferPointer(start: data, count: count), as: UTF8.self)
        if line.hasPrefix("HTTP/") {
            responseHeaders.removeAll()
        } else if let colon = line.firstIndex(of: ":") {
            responseHeaders.append(HTTPHeader(
                name: String(line[..<colon]).trimmed,
                value: String(line[line.index(after: colon)...]).trimmed
            ))
        }
        return count
    }
}

extension String {
    /// Without leading and trailing whitespace (CR LF included); avoids Foundation here.
    var trimmed: String {
        let start = drop { $0.isWhitespace }
        var end = start.endIndex
        while end > start.startIndex, start[start.index(before: end)].isWhitespace {
            end = start.index(before: end)
        }
        return String(start[..<end])
    }
}
