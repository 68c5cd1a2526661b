internal import CCurl

/// Turning a finished easy handle into an `HTTPResponse` or a specific `HTTPError`.
extension Transfer {
    func result(for code: CURLcode) -> Result<HTTPResponse, HTTPError> {
        code == CURLE_OK ? .success(response()) : .failure(error(for: code))
    }

    private func response() -> HTTPResponse {
        HTTPResponse(
            status: long(CURLINFO_RESPONSE_CODE),
            headers: responseHeaders,
            body: body,
            bytes: Int(offT(CURLINFO_SIZE_DOWNLOAD_T)),
            timings: HTTPTimings(
                dns: micros(CURLINFO_NAMELOOKUP_TIME_T),
                connect: micros(CURLINFO_CONNECT_TIME_T),
                tls: micros(CURLINFO_APPCONNECT_TIME_T),
                firstByte: micros(CURLINFO_STARTTRANSFER_TIME_T),
                total: micros(CURLINFO_TOTAL_TIME_T)
            ),
            effectiveURL: string(CURLINFO_EFFECTIVE_URL) ?? request.url,
            redirects: long(CURLINFO_REDIRECT_COUNT)
        )
    }

    private func error(for code: CURLcode) -> HTTPError {
        switch code {
        case CURLE_WRITE_ERROR where exceededBodyLimit:
            return .bodyTooLarge(limit: request.maxBodyBytes)
        case CURLE_COULDNT_CONNECT:
            return .connectionRefused(currentTarget.hostPort)
        case CURLE_COULDNT_RESOLVE_HOST:
            return .dnsFailure(host: currentTarget.host)
        case CURLE_OPERATION_TIMEDOUT:
            return timeout()
        case CURLE_TOO_MANY_REDIRECTS:
            return .tooManyRedirects(limit: request.maxRedirects)
        case CURLE_UNSUPPORTED_PROTOCOL:
            return .unsupportedScheme(rejectedScheme ?? detail(code))
        case CURLE_SSL_CONNECT_ERROR, CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_CERTPROBLEM,
             CURLE_SSL_CIPHER, CURLE_SSL_CACERT_BADFILE, CURLE_SSL_ENGINE_NOTFOUND,
             CURLE_SSL_ENGINE_SETFAILED, CURLE_SSL_ENGINE_INITFAILED, CURLE_SSL_SHUTDOWN_FAILED,
             CURLE_SSL_CRL_BADFILE, CURLE_SSL_ISSUER_ERROR, CURLE_SSL_PINNEDPUBKEYNOTMATCH,
             CURLE_SSL_INVALIDCERTSTATUS, CURLE_SSL_CLIENTCERT, CURLE_USE_SSL_FAILED:
            return .tls(detail(code))
        default:
            return .transfer(code: Int(code.rawValue), message: detail(code))
        }
    }

    /// The phase is inferred from which milestones were reached; the limit reported is the
    /// one that governed that phase.
    private func timeout() -> HTTPError {
        let connected = offT(CURLINFO_CONNECT_TIME_T) > 0
            && (currentTarget.scheme != "https" || offT(CURLINFO_APPCONNECT_TIME_T) > 0)
        if !connected {
            return .timedOut(after: min(request.connectTimeout, request.totalTimeout), phase: .connecting)
        }
        let phase: HTTPError.TimeoutPhase =
            offT(CURLINFO_STARTTRANSFER_TIME_T) > 0 ? .receivingBody : .waitingForResponse
        return .timedOut(after: request.totalTimeout, phase: phase)
    }

    /// After redirects the failing host may not be the requested one; EFFECTIVE_URL is the
    /// URL curl was working on when it stopped.
    private var currentTarget: URLTarget {
        string(CURLINFO_EFFECTIVE_URL).flatMap { try? URLTarget(parsing: $0) } ?? target
    }

    /// The non-http(s) scheme of a refused redirect target (or of the URL itself).
    private var rejectedScheme: String? {
        for url in [string(CURLINFO_REDIRECT_URL), string(CURLINFO_EFFECTIVE_URL)] {
            guard let url, let colon = url.firstIndex(of: ":") else { continue }
            let scheme = url[..<colon].lowercased()
            if !URLTarget.allowedSchemes.contains(scheme) { return scheme }
        }
        return nil
    }

    /// curl's specific message (CURLOPT_ERRORBUFFER), else the generic one for the code.
    private func detail(_ code: CURLcode) -> String {
        let specific = String(cString: errorBuffer).trimmed
        return specific.isEmpty ? String(cString: curl_easy_strerror(code)) : specific
    }

    // MARK: - getinfo wrappers

    private func long(_ info: CURLINFO) -> Int {
        var value = 0
        return ccurl_easy_getinfo_long(easy, info, &value) == CURLE_OK ? value : 0
    }

    private func offT(_ info: CURLINFO) -> curl_off_t {
        var value: curl_off_t = 0
        return ccurl_easy_getinfo_off_t(easy, info, &value) == CURLE_OK ? value : 0
    }

    /// CURLINFO_*_TIME_T values are microseconds.
    private func micros(_ info: CURLINFO) -> Duration {
        .microseconds(offT(info))
    }

    private func string(_ info: CURLINFO) -> String? {
        var value: UnsafeMutablePointer<CChar>?
        guard ccurl_easy_getinfo_string(easy, info, &value) == CURLE_OK, let value else { return nil }
        return String(cString: value)
    }
}
