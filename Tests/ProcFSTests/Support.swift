import Foundation
import ProcFS
import Testing

/// Locates fixture trees next to this file (see Fixtures/README.md).
enum Fixture {
    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()
        .appendingPathComponent("Fixtures")

    /// The proc tree of a case: `<case>/proc`, or `<case>/proc0` / `proc1` for snapshots.
    static func root(_ name: String, _ proc: String = "proc") -> ProcRoot {
        ProcRoot(directory.appendingPathComponent(name).appendingPathComponent(proc).path)
    }

    static let recorded = root("recorded-debian12")

    /// Reads a fixture file; a missing fixture is a test bug, so it traps loudly.
    static func bytes(_ name: String, _ file: String, proc: String = "proc") -> [UInt8] {
        do {
            return try root(name, proc).read(file)
        } catch {
            fatalError("fixture \(name)/\(proc)/\(file): \(error)")
        }
    }
}

/// Bytes of a string literal, for inline inputs.
func b(_ text: String) -> [UInt8] { Array(text.utf8) }

/// A named input for argument tables, so failures say which case broke.
struct Input: Sendable, CustomTestStringConvertible {
    var name: String
    var bytes: [UInt8]
    var testDescription: String { name }

    init(_ name: String, _ bytes: [UInt8]) {
        self.name = name
        self.bytes = bytes
    }

    init(_ name: String, _ text: String) {
        self.init(name, Array(text.utf8))
    }
}

/// A deterministic generator (SplitMix64) so fuzz failures reproduce.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Every parser behind one signature, for the robustness tables.
let allParsers: [(name: String, parse: @Sendable ([UInt8]) -> [ParseIssue])] = [
    ("stat", { ProcStat.parse($0).issues }),
    ("meminfo", { MemInfo.parse($0).issues }),
    ("loadavg", { LoadAvg.parse($0).issues }),
    ("uptime", { Uptime.parse($0).issues }),
    ("net/dev", { NetDev.parse($0).issues }),
    ("diskstats", { DiskStats.parse($0).issues }),
    ("mounts", { Mounts.parse($0).issues }),
    ("vmstat", { VMStat.parse($0).issues }),
    ("pressure", { Pressure.parse($0).issues }),
    ("net/snmp", { NetSNMP.parse($0).issues }),
    ("sockstat", { SockStat.parse($0).issues }),
]

/// Number of lines in `bytes` as parsers count them (a last line without '\n' counts).
func lineCount(_ bytes: [UInt8]) -> Int {
    let newlines = bytes.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
    return newlines + ((bytes.last ?? 0x0A) == 0x0A ? 0 : 1)
}
