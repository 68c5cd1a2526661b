import Foundation

/// The agent's on-disk buffer: append-only segment files `<seq>.seg` in one directory, read in
/// order. A record counts as stored once it is fsync'd. Past `maxBytes` whole segments are
/// dropped, oldest first. Not thread-safe: one owner (``Courier``) serialises every call.
final class Spool {
    let directory: String
    let maxBytes: Int
    let segmentBytes: Int
    private var segments: [(seq: Int, bytes: Int)] = []
    /// The segment new records go to; nil after start and after it was read to the end.
    private var appending: Int?
    /// The oldest segment's bytes, loaded once for reading, and the next record's offset in it.
    private var loaded: (seq: Int, bytes: [UInt8])?
    private var offset = 0
    /// What was dropped past the bound, and torn tails found, since start.
    private(set) var droppedSamples = 0
    private(set) var droppedRecords = 0
    /// Called with a line to log about torn tails and dropped segments (and whether to rate-limit it).
    var report: (_ rateLimited: Bool, _ message: String) -> Void = { _, _ in }

    init(directory: String, maxBytes: Int) throws(AgentError) {
        self.directory = directory
        self.maxBytes = maxBytes
        segmentBytes = max(4096, min(maxBytes / 8, 8 << 20))
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            segments = try FileManager.default.contentsOfDirectory(atPath: directory).compactMap { file in
                guard file.hasSuffix(".seg"), let seq = Int(file.dropLast(4)) else { return nil }
                let size = (try? FileManager.default.attributesOfItem(atPath: directory + "/" + file)[.size] as? Int) ?? 0
                return (seq, size)
            }.sorted { $0.seq < $1.seq }
        } catch {
            throw .buffer("cannot use the buffer directory \(directory): \(error.localizedDescription); check its permissions")
        }
    }

    var isEmpty: Bool { segments.isEmpty }
    var totalBytes: Int { segments.reduce(0) { $0 + $1.bytes } }
    var segmentCount: Int { segments.count }

    private func path(_ seq: Int) -> String { directory + "/" + String(format: "%012d.seg", seq) }

    /// Makes room under the bound, then appends and fsyncs one record: the files on disk never
    /// hold more than the bound (but for one record larger than it).
    func append(_ record: SpoolRecord) throws(AgentError) {
        let bytes = record.encoded()
        makeRoom(for: bytes.count)
        let seq: Int
        if let current = appending, let last = segments.last, last.seq == current, last.bytes < segmentBytes {
            seq = current
        } else {
            seq = (segments.last?.seq ?? 0) + 1
            segments.append((seq, 0))
            appending = seq
        }
        let fd = open(path(seq), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw .buffer("cannot open \(path(seq)): \(String(cString: strerror(errno))); check the data directory") }
        defer { close(fd) }
        let before = segments[segments.count - 1].bytes
        let written = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        guard written == bytes.count, fsync(fd) == 0 else {
            let reason = String(cString: strerror(errno))
            _ = ftruncate(fd, off_t(before))  // no torn record in the middle of a segment
            throw .buffer("cannot write to \(path(seq)): \(reason); free space on the data directory's file system")
        }
        if before == 0 { syncDirectory() }
        segments[segments.count - 1].bytes += bytes.count
    }

    /// The oldest record not yet taken, skipping (and reporting) a torn tail.
    func next() -> SpoolRecord? {
        while let oldest = segments.first {
            if loaded?.seq != oldest.seq {
                loaded = (oldest.seq, read(oldest.seq))
                offset = 0
            }
            switch SpoolRecord.parse(loaded!.bytes, at: offset) {
            case .record(let record): return record
            case .torn(let bytes):
                report(false, "agent buffer: skipped a half-written record (\(bytes) bytes) at the end of \(path(oldest.seq)), left by a crash")
                dropOldest()
            case .end:
                // The segment being appended to may grow: reload it next time rather than drop it.
                if appending == oldest.seq, oldest.bytes > loaded!.bytes.count {
                    let before = loaded!.bytes.count
                    loaded = (oldest.seq, read(oldest.seq))  // same offset: only new records follow
                    if loaded!.bytes.count > before { continue }
                }
                dropOldest()
            }
        }
        return nil
    }

    /// Marks the record `next()` returned as delivered; a segment read to the end is deleted.
    func advance() {
        guard let record = loaded.flatMap({ SpoolRecord.parse($0.bytes, at: offset) }), case .record(let taken) = record else { return }
        offset += taken.size
        if offset >= loaded!.bytes.count, segments.first?.bytes == loaded!.bytes.count { dropOldest() }
    }

    private func dropOldest() {
        guard let oldest = segments.first else { return }
        unlink(path(oldest.seq))
        segments.removeFirst()
        if appending == oldest.seq { appending = nil }
        loaded = nil
        offset = 0
    }

    /// Whole segments go, oldest first, until `incoming` more bytes fit under the bound; their
    /// samples are counted as dropped.
    private func makeRoom(for incoming: Int) {
        while totalBytes + incoming > maxBytes, !segments.isEmpty {
            let oldest = segments[0]
            let bytes = loaded?.seq == oldest.seq ? loaded!.bytes : read(oldest.seq)
            var at = loaded?.seq == oldest.seq ? offset : 0
            var records = 0, samples = 0
            while case .record(let record) = SpoolRecord.parse(bytes, at: at) {
                records += 1; samples += record.samples; at += record.size
            }
            droppedRecords += records
            droppedSamples += samples
            dropOldest()
            report(true, "agent buffer: full (central.buffer_max, \(maxBytes) bytes): dropped the oldest \(records) batch(es), \(samples) sample(s)")
        }
    }

    private func read(_ seq: Int) -> [UInt8] {
        (try? Array(Data(contentsOf: URL(fileURLWithPath: path(seq))))) ?? []
    }

    private func syncDirectory() {
        let fd = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { return }
        fsync(fd)
        close(fd)
    }
}
