import Foundation
import MetricStore

/// The agent's stable identity, sent with every batch so the central can tell two machines
/// claiming one host name apart. Generated once into the data directory (`agent-machine-id`):
/// two installs (two data directories) are two machines, even on one box or cloned images.
public enum MachineID {
    public static let fileName = "agent-machine-id"

    public static func load(dataDirectory: String) throws(AgentError) -> String {
        let path = dataDirectory + "/" + fileName
        if let text = try? String(contentsOfFile: path, encoding: .utf8) {
            let id = text.trimmingCharacters(in: .whitespacesAndNewlines)
            guard isValid(id) else {
                throw .machineID("\(path) holds '\(id.prefix(80))', not a machine id (1 to 64 of [A-Za-z0-9-]); delete it and a new one is generated")
            }
            return id
        }
        let id = UUID().uuidString.lowercased()
        do {
            try Data((id + "\n").utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw .machineID("cannot write \(path): \(error.localizedDescription); check the data directory's permissions")
        }
        return id
    }

    public static func isValid(_ id: String) -> Bool { AgentBatch.isValidMachineID(id) }
}
