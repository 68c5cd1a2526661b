import Foundation

/// The name an agent's metrics are stored under: `host_name:` from the configuration, else the
/// system's short host name (up to the first dot). It must be one name segment
/// (`[A-Za-z0-9_-]`, not starting with `-`).
public enum HostName {
    public static func resolve(configured: String?) throws(AgentBatchError) -> String {
        let text = configured ?? systemShortName()
        guard isSegment(text) else {
            throw .badName(text, "a host name must be one metric name segment ([A-Za-z0-9_-], not starting with '-'); set host_name: in the configuration")
        }
        return text
    }

    public static func isSegment(_ text: String) -> Bool {
        !text.contains(".") && (try? MetricName(text)) != nil
    }

    public static func systemShortName() -> String {
        let full = ProcessInfo.processInfo.hostName
        return String(full.split(separator: ".", omittingEmptySubsequences: false).first ?? "")
    }
}
