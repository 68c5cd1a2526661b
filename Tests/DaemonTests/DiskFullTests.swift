import Foundation
import MetricStore
import Testing
import TestSupport

/// A 3 MiB tmpfs, mounted for the test when this process may mount (root on this machine and in CI).
final class TinyFileSystem: Sendable {
    let directory = TemporaryDirectory()
    let mounted: Bool

    init() {
        mounted = Self.run("/bin/mount", ["-t", "tmpfs", "-o", "size=3m", "tmpfs", directory.path]) == 0
    }

    static let canMount: Bool = {
        let probe = TinyFileSystem()
        return probe.mounted
    }()

    @discardableResult
    static func run(_ tool: String, _ arguments: [String]) -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return -1 }
        process.waitUntilExit()
        return process.terminationStatus
    }

    deinit {
        if mounted { Self.run("/bin/umount", [directory.path]) }
    }
}

@Suite struct DiskFullTests {
    /// librrd would die of SIGBUS writing to a file it could not back; the store must refuse to
    /// create files that do not fit, keep every complete file updating, and leave no partial file.
    @Test(.enabled(if: TinyFileSystem.canMount, "needs permission to mount a tmpfs"))
    func fullDiskRefusesNewFilesAndKeepsTheOthers() async throws {
        let disk = TinyFileSystem()
        let limits = StorageLimits(minFreeBytes: 0)
        let backend = try LocalRRDBackend(dataDirectory: disk.directory.path + "/data", limits: limits)
        let t0 = 1_700_000_000
        let writer = MetricWriter(backend: backend, limits: limits, now: { t0 + 100 })
        let names = try (0..<7).map { try MetricName("full.m\($0)") }

        await writer.submit(names.map { Sample(name: $0, time: t0 + 10, value: 1) })
        let first = await writer.flush()
        #expect(first.filesCreated == 3, "920 KiB files on a 3 MiB disk")
        #expect(first.refused[.diskFull] == 4)

        await writer.submit(names.map { Sample(name: $0, time: t0 + 20, value: 2) })
        let second = await writer.flush()
        #expect(second.written == 3)
        #expect(second.refused[.diskFull] == 4)

        let files = FileManager.default.enumerator(atPath: backend.dataDirectory)!.compactMap { $0 as? String }.filter { $0.hasSuffix(".rrd") }
        #expect(files.count == 3)
        let sizes = try files.map { try FileManager.default.attributesOfItem(atPath: backend.dataDirectory + "/" + $0)[.size] as! Int }
        #expect(Set(sizes).count == 1 && sizes[0] > 900_000, "a partial file: \(sizes)")
        #expect(try await backend.list(matching: nil).allSatisfy { $0.lastUpdate == t0 + 20 })
    }
}
