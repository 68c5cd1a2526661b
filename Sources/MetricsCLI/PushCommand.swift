import ArgumentParser
import Curl
import Foundation
import MetricStore
import MetricsConfig

struct PushCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "push",
        abstract: "Send one number to the running daemon (POST /api/v1/push).",
        discussion: """
            A gauge is a level stored as given; a counter is an increment added to the current step \
            (like StatsD 'name:1|c'). When the daemon requires a write token, put it in METRICS_TOKEN \
            or pass --token-file. Example: metrics push biz.signups 1 --type counter
            """
    )

    enum Kind: String, ExpressibleByArgument, CaseIterable { case counter, gauge }

    @Argument(help: "Metric name, e.g. biz.signups.") var name: String
    @Argument(help: "The value, a plain decimal number.") var value: String
    @Option(help: "counter (an increment) or gauge (a level).") var type: Kind = .gauge
    @Option(help: ArgumentHelp("The daemon's address; default: http.listen of the configuration.", valueName: "url")) var server: String?
    @Option(name: .long, help: ArgumentHelp("Configuration file to find the daemon's address in.", valueName: "file")) var config: String?
    @Option(name: .long, help: ArgumentHelp("File holding the write token (else $METRICS_TOKEN).", valueName: "file")) var tokenFile: String?

    func validate() throws {
        do { _ = try MetricName(name) } catch { throw ValidationError("\(error)") }
        guard StrictDecimal.parse(value) != nil else { throw ValidationError("'\(value)' is not a plain decimal number") }
    }

    func run() async throws {
        let url = try (server ?? defaultServer()).trimmingCharacters(in: CharacterSet(charactersIn: "/")) + "/api/v1/push"
        let entry: [String: Any] = ["name": name, "value": StrictDecimal.parse(value)!, "type": type.rawValue]
        var headers = [HTTPHeader(name: "Content-Type", value: "application/json")]
        if let token = try token() { headers.append(HTTPHeader(name: "Authorization", value: "Bearer \(token)")) }
        let body = try JSONSerialization.data(withJSONObject: [entry])
        let client = HTTPClient()
        defer { client.shutdown() }
        let response: HTTPResponse
        do {
            response = try await client.perform(HTTPRequest(url: url, method: .post, headers: headers, body: Array(body)))
        } catch {
            throw ValidationError("cannot reach the daemon at \(url): \(error)")
        }
        let text = String(decoding: response.body, as: UTF8.self)
        guard response.status == 200, let answer = try? JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any],
              (answer["accepted"] as? Int) == 1
        else {
            FileHandle.standardError.write(Data("metrics push: refused (HTTP \(response.status)): \(text)\n".utf8))
            throw ExitCode(1)
        }
        print("accepted: \(name) \(value) (\(type.rawValue))")
    }

    private func defaultServer() throws -> String {
        let loaded = try ConfigurationLoader.load(file: config)
        let host = loaded.http.host == "0.0.0.0" ? "127.0.0.1" : loaded.http.host
        return "http://\(host.contains(":") ? "[\(host)]" : host):\(loaded.http.port)"
    }

    private func token() throws -> String? {
        if let tokenFile {
            guard let text = try? String(contentsOfFile: tokenFile, encoding: .utf8) else { throw ValidationError("cannot read --token-file \(tokenFile)") }
            return text.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        return ProcessInfo.processInfo.environment["METRICS_TOKEN"].flatMap { $0.isEmpty ? nil : $0 }
    }
}
