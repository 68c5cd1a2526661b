import Foundation
import Testing
import TestSupport
@testable import AgentLink

@Suite struct SpoolTests {
    let directory = TemporaryDirectory()
    var spoolPath: String { directory.file("buffer") }

    func record(_ index: Int, padding: Int = 0) -> SpoolRecord {
        SpoolRecord(payload: Array("batch-\(index)".utf8) + [UInt8](repeating: 0x20, count: padding), samples: 3)
    }

    func index(_ record: SpoolRecord?) -> Int? {
        record.flatMap { Int(String(decoding: $0.payload, as: UTF8.self).trimmingCharacters(in: .whitespaces).dropFirst(6)) }
    }

    /// Takes every record in order, as the replay does.
    func drain(_ spool: Spool) -> [Int] {
        var seen: [Int] = []
        while let next = spool.next() {
            seen.append(index(next) ?? -1)
            spool.advance()
        }
        return seen
    }

    @Test func recordsComeBackInOrderAcrossARestartAndTheFilesGo() throws {
        let spool = try Spool(directory: spoolPath, maxBytes: 1 << 20)
        for index in 0..<50 { try spool.append(record(index, padding: 200)) }
        #expect(spool.segmentCount == 1)
        // A new process (after kill -9) finds the same records.
        let reopened = try Spool(directory: spoolPath, maxBytes: 1 << 20)
        #expect(drain(reopened) == Array(0..<50))
        #expect(reopened.isEmpty)
        #expect(try FileManager.default.contentsOfDirectory(atPath: spoolPath).isEmpty)
    }

    @Test func readingKeepsUpWithAppendsToTheSameSegment() throws {
        let spool = try Spool(directory: spoolPath, maxBytes: 1 << 20)
        try spool.append(record(1))
        #expect(index(spool.next()) == 1)
        spool.advance()
        try spool.append(record(2))
        try spool.append(record(3))
        #expect(drain(spool) == [2, 3])
        try spool.append(record(4))
        #expect(drain(spool) == [4])
    }

    @Test func aHalfWrittenLastRecordIsSkippedAndReported() throws {
        let spool = try Spool(directory: spoolPath, maxBytes: 1 << 20)
        try spool.append(record(1))
        try spool.append(record(2))
        // What a kill -9 in the middle of a write leaves: the start of a third record.
        let file = try #require(try FileManager.default.contentsOfDirectory(atPath: spoolPath).first)
        let handle = try #require(FileHandle(forWritingAtPath: spoolPath + "/" + file))
        handle.seekToEndOfFile()
        handle.write(Data(record(3).encoded().prefix(20)))
        try handle.close()

        let reopened = try Spool(directory: spoolPath, maxBytes: 1 << 20)
        var reports: [String] = []
        reopened.report = { _, message in reports.append(message) }
        try reopened.append(record(4))
        #expect(drain(reopened) == [1, 2, 4])
        #expect(reports.count == 1)
        #expect(reports.first?.contains("half-written") == true)
    }

    @Test(arguments: [0, 7, 15, 16, 30])
    func aDamagedRecordIsTornNotMisread(cut: Int) {
        let bytes = record(9, padding: 10).encoded()
        var damaged = Array(bytes.prefix(cut))
        if cut == 30 { damaged = bytes; damaged[20] ^= 0xFF }
        if case .record = SpoolRecord.parse(damaged, at: 0) { Issue.record("a damaged record was read as whole") }
        #expect(SpoolRecord.parse(bytes, at: 0) == .record(record(9, padding: 10)))
    }

    @Test func pastTheBoundTheOldestSegmentsGoAndAreCounted() throws {
        let spool = try Spool(directory: spoolPath, maxBytes: 64 << 10)
        var reports: [String] = []
        spool.report = { rateLimited, message in if rateLimited { reports.append(message) } }
        for index in 0..<400 { try spool.append(record(index, padding: 1_000)) }
        #expect(spool.totalBytes <= 64 << 10)
        #expect(spool.droppedRecords > 0)
        #expect(spool.droppedSamples == spool.droppedRecords * 3)
        #expect(!reports.isEmpty)
        let kept = drain(spool)
        // The newest survive, in order, with nothing missing between them.
        #expect(kept.last == 399)
        #expect(kept == Array((400 - kept.count)..<400))
        #expect(kept.count + spool.droppedRecords == 400)
    }
}
