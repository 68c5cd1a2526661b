import Foundation
import ProcFS
import Testing

@Suite struct ProcRootTests {
    @Test func readsAFixtureFileCompletely() throws {
        let bytes = try Fixture.recorded.read("net/dev")
        let onDisk = try Data(contentsOf: Fixture.directory.appendingPathComponent("recorded-debian12/proc/net/dev"))
        #expect(bytes == [UInt8](onDisk))
    }

    @Test func readsFilesLargerThanOnePage() throws {
        // The test sources are plain files of several pages; no scratch files are written.
        let tests = Fixture.directory.deletingLastPathComponent()
        let onDisk = [UInt8](try Data(contentsOf: tests.appendingPathComponent("DiskStatsTests.swift")))
        #expect(onDisk.count > 4096)
        #expect(try ProcRoot(tests.path).read("DiskStatsTests.swift") == onDisk)
    }

    @Test func readsEmptyFiles() throws {
        #expect(try Fixture.root("empty-files").read("stat") == [])
    }

    @Test func missingFileThrowsMissing() {
        let root = Fixture.root("pressure-absent")
        #expect(throws: ProcReadError.missing(path: root.path + "/pressure/cpu")) {
            try root.read("pressure/cpu")
        }
        #expect(throws: ProcReadError.missing(path: "/nonexistent-proc-root/stat")) {
            try ProcRoot("/nonexistent-proc-root").read("stat")
        }
    }

    @Test func directoryIsUnreadable() {
        do throws(ProcReadError) {
            _ = try Fixture.recorded.read("net")
            Issue.record("reading a directory should fail")
        } catch {
            guard case .unreadable(let path, let reason) = error else {
                Issue.record("expected .unreadable, got \(error)")
                return
            }
            #expect(path.hasSuffix("/net"))
            #expect(!reason.isEmpty)
        }
    }

    @Test func exists() {
        #expect(Fixture.recorded.exists("stat"))
        #expect(Fixture.recorded.exists("pressure/io"))
        #expect(!Fixture.root("pressure-absent").exists("pressure/cpu"))
        #expect(!Fixture.root("pressure-absent").exists("pressure"))
    }

    @Test func joinsPaths() {
        #expect(ProcRoot().path == "/proc")
        #expect(ProcRoot("/proc").path(of: "net/dev") == "/proc/net/dev")
        #expect(ProcRoot("/tmp/x/").path(of: "stat") == "/tmp/x/stat")
    }

    @Test func errorDescriptions() {
        #expect(ProcReadError.missing(path: "/proc/pressure/cpu").description == "/proc/pressure/cpu: no such file")
        #expect(ProcReadError.unreadable(path: "/proc/x", reason: "Permission denied").description == "/proc/x: Permission denied")
    }

    @Test func mountsFallsBackToProcMounts() throws {
        let root = Fixture.root("mounts-fallback")
        #expect(!root.exists("self/mounts"))
        #expect(try root.mounts().entries == [MountEntry(device: "proc", mountPoint: "/proc", fsType: "proc", options: "rw")])
    }

    /// The live /proc of whatever Linux machine runs the tests: every parser reads its
    /// file without issues. Skipped where there is no /proc (macOS).
    @Test(.enabled(if: ProcRoot().exists("stat")))
    func liveProcParsesCleanly() throws {
        let root = ProcRoot()
        let stat = try root.stat()
        #expect(stat.issues == [])
        #expect(stat.total != nil)
        #expect(stat.perCPU.count >= 1)
        #expect(try root.memInfo().issues == [])
        #expect((try root.memInfo()["MemTotal"] ?? 0) > 0)
        #expect(try root.loadAvg().issues == [])
        #expect(try root.uptime().issues == [])
        #expect(try root.netDev().device(named: "lo") != nil)
        #expect(try root.diskStats().issues == [])
        #expect(try root.mounts().issues == [])
        #expect(try root.vmStat().issues == [])
        #expect(try root.netSNMP().issues == [])
        #expect(try root.netNetstat().issues == [])
        #expect(try root.sockStat().issues == [])
        for resource in Pressure.Resource.allCases where root.exists("pressure/\(resource.rawValue)") {
            let pressure = try root.pressure(resource)
            #expect(pressure.issues == [])
            #expect(pressure.some != nil)
        }
    }
}
