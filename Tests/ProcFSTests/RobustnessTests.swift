import ProcFS
import Testing

/// Inputs no parser may crash or hang on; issue line numbers must point into the input.
@Suite struct RobustnessTests {
    static let hostile: [Input] = {
        var rng = SplitMix64(state: 0x5EED)
        var inputs = [
            Input("empty", ""),
            Input("single newline", "\n"),
            Input("spaces only", "   \t  "),
            Input("colon only", ":"),
            Input("NUL bytes", [UInt8](repeating: 0, count: 64)),
            Input("invalid UTF-8", [0xC3, 0x28, 0xA0, 0xA1, 0xE2, 0x28, 0xA1, 0xF0, 0x90, 0x28, 0xBC, 0xFF, 0x3A, 0x20, 0x31]),
            Input("overflowing numbers", "cpu 99999999999999999999999 99999999999999999999999 1 1\nx: 99999999999999999999999 kB\n"),
            Input("one very long line", [UInt8](repeating: 0x39, count: 1_000_000)),
            Input("many short lines", [UInt8]((0..<200_000).map { $0 % 2 == 0 ? 0x31 : 0x0A })),
            Input("many fields", Array(("a: " + String(repeating: "1 ", count: 100_000)).utf8)),
            Input("backslashes", Array(String(repeating: "\\\\0\\04\\777 ", count: 1000).utf8)),
        ]
        for i in 0..<40 {
            let count = Int.random(in: 0..<4096, using: &rng)
            inputs.append(Input("random bytes #\(i)", (0..<count).map { _ in UInt8.random(in: 0...255, using: &rng) }))
        }
        // Random bytes drawn from the alphabet of /proc files hit the parsers' deeper paths.
        let alphabet = Array("0123456789 :\n\t./=-abcpukBTcp".utf8)
        for i in 0..<40 {
            let count = Int.random(in: 0..<4096, using: &rng)
            inputs.append(Input("random proc-like text #\(i)", (0..<count).map { _ in alphabet.randomElement(using: &rng)! }))
        }
        return inputs
    }()

    @Test(arguments: hostile)
    func everyParserSurvives(input: Input) {
        let lines = lineCount(input.bytes)
        for parser in allParsers {
            let issues = parser.parse(input.bytes)
            for issue in issues {
                #expect(issue.line >= 1 && issue.line <= max(lines, 1), "\(parser.name): \(issue)")
                #expect(!issue.message.isEmpty)
            }
        }
    }

    /// Recorded files with bytes flipped, truncated at every length class.
    @Test func mutatedRecordedFiles() throws {
        var rng = SplitMix64(state: 42)
        let files: [(String, @Sendable ([UInt8]) -> [ParseIssue])] = [
            ("stat", allParsers[0].parse), ("meminfo", allParsers[1].parse), ("loadavg", allParsers[2].parse),
            ("uptime", allParsers[3].parse), ("net/dev", allParsers[4].parse), ("diskstats", allParsers[5].parse),
            ("self/mounts", allParsers[6].parse), ("vmstat", allParsers[7].parse), ("pressure/io", allParsers[8].parse),
            ("net/snmp", allParsers[9].parse), ("net/sockstat", allParsers[10].parse), ("net/netstat", allParsers[9].parse),
        ]
        for (file, parse) in files {
            let original = try Fixture.recorded.read(file)
            #expect(parse(original).isEmpty, "\(file) parses cleanly before mutation")
            for _ in 0..<200 {
                var mutated = original
                for _ in 0..<Int.random(in: 1...8, using: &rng) where !mutated.isEmpty {
                    mutated[Int.random(in: 0..<mutated.count, using: &rng)] = UInt8.random(in: 0...255, using: &rng)
                }
                if Bool.random(using: &rng) {
                    mutated.removeLast(Int.random(in: 0...mutated.count, using: &rng))
                }
                let lines = lineCount(mutated)
                for issue in parse(mutated) {
                    #expect(issue.line >= 1 && issue.line <= max(lines, 1), "\(file): \(issue)")
                }
            }
        }
    }
}

/// The `empty-files` case: every file exists and is empty.
@Suite struct EmptyFilesTests {
    let root = Fixture.root("empty-files")

    @Test func listFilesAreEmptyWithoutIssues() throws {
        #expect(try root.stat() == ProcStat())
        #expect(try root.memInfo() == MemInfo())
        #expect(try root.netDev() == NetDev())
        #expect(try root.diskStats() == DiskStats())
        #expect(try root.mounts() == Mounts())
        #expect(try root.vmStat() == VMStat())
        #expect(try root.netSNMP() == NetSNMP())
        #expect(try root.netNetstat() == NetSNMP())
        #expect(try root.sockStat() == SockStat())
        for resource in Pressure.Resource.allCases {
            #expect(try root.pressure(resource) == Pressure())
        }
    }

    @Test func singleLineFilesReportTheirMissingFields() throws {
        #expect(try root.loadAvg() == LoadAvg(issues: [ParseIssue(line: 1, message: "empty file; expected 5 fields")]))
        #expect(try root.uptime() == Uptime(issues: [ParseIssue(line: 1, message: "empty file; expected 2 fields")]))
    }
}
