/// I/O counters of one block device, a line of /proc/diskstats.
/// Field meanings: Documentation/admin-guide/iostats.rst in the kernel tree.
public struct DiskDevice: Sendable, Equatable {
    public var major: UInt32
    public var minor: UInt32
    public var name: String
    public var readsCompleted: UInt64
    public var readsMerged: UInt64
    public var sectorsRead: UInt64
    public var readTimeMs: UInt64
    public var writesCompleted: UInt64
    public var writesMerged: UInt64
    public var sectorsWritten: UInt64
    public var writeTimeMs: UInt64
    public var ioInProgress: UInt64
    public var ioTimeMs: UInt64
    public var weightedIoTimeMs: UInt64
    /// Discard fields: kernel 4.18+ (18-field lines); nil on older kernels.
    public var discardsCompleted: UInt64?
    public var discardsMerged: UInt64?
    public var sectorsDiscarded: UInt64?
    public var discardTimeMs: UInt64?
    /// Flush fields: kernel 5.5+ (20-field lines); nil on older kernels.
    public var flushesCompleted: UInt64?
    public var flushTimeMs: UInt64?

    public init(
        major: UInt32, minor: UInt32, name: String,
        readsCompleted: UInt64 = 0, readsMerged: UInt64 = 0, sectorsRead: UInt64 = 0, readTimeMs: UInt64 = 0,
        writesCompleted: UInt64 = 0, writesMerged: UInt64 = 0, sectorsWritten: UInt64 = 0, writeTimeMs: UInt64 = 0,
        ioInProgress: UInt64 = 0, ioTimeMs: UInt64 = 0, weightedIoTimeMs: UInt64 = 0,
        discardsCompleted: UInt64? = nil, discardsMerged: UInt64? = nil, sectorsDiscarded: UInt64? = nil,
        discardTimeMs: UInt64? = nil, flushesCompleted: UInt64? = nil, flushTimeMs: UInt64? = nil
    ) {
        self.major = major
        self.minor = minor
        self.name = name
        self.readsCompleted = readsCompleted
        self.readsMerged = readsMerged
        self.sectorsRead = sectorsRead
        self.readTimeMs = readTimeMs
        self.writesCompleted = writesCompleted
        self.writesMerged = writesMerged
        self.sectorsWritten = sectorsWritten
        self.writeTimeMs = writeTimeMs
        self.ioInProgress = ioInProgress
        self.ioTimeMs = ioTimeMs
        self.weightedIoTimeMs = weightedIoTimeMs
        self.discardsCompleted = discardsCompleted
        self.discardsMerged = discardsMerged
        self.sectorsDiscarded = sectorsDiscarded
        self.discardTimeMs = discardTimeMs
        self.flushesCompleted = flushesCompleted
        self.flushTimeMs = flushTimeMs
    }
}

/// Block device I/O statistics from /proc/diskstats (proc(5), "/proc/diskstats";
/// kernel Documentation/admin-guide/iostats.rst).
///
/// `major minor name` then 11 counters (14 fields in all), 15 (18 fields, 4.18+) or
/// 17 (20 fields, 5.5+). Longer lines from future kernels use the first 17 counters, so
/// a new column does not break collection (munin's exact-count check did).
public struct DiskStats: Sendable, Equatable {
    /// In file order.
    public var devices: [DiskDevice]
    public var issues: [ParseIssue]

    public init(devices: [DiskDevice] = [], issues: [ParseIssue] = []) {
        self.devices = devices
        self.issues = issues
    }

    public func device(named name: String) -> DiskDevice? {
        devices.first { $0.name == name }
    }

    /// Numeric tails after the name, most complete format first.
    static let knownTailCounts = [17, 15, 11]

    public static func parse(_ bytes: [UInt8]) -> DiskStats {
        bytes.withUnsafeBufferPointer { buffer in
            withUnsafeTemporaryAllocation(of: UInt64.self, capacity: 17) { values in
                parse(buffer, scratch: values)
            }
        }
    }

    private static func parse(_ buffer: Bytes, scratch values: UnsafeMutableBufferPointer<UInt64>) -> DiskStats {
        var stats = DiskStats()
        var lines = LineReader(buffer)
        while var line = lines.next() {
            if line.isAtEnd { continue }
            func issue(_ message: String) { stats.issues.append(ParseIssue(line: line.number, message: message)) }

            guard let majorField = line.nextField(), let minorField = line.nextField() else {
                issue("has fewer than 3 fields; skipped")
                continue
            }
            guard case .success(let major) = parseUnsigned(buffer, majorField, as: UInt32.self),
                  case .success(let minor) = parseUnsigned(buffer, minorField, as: UInt32.self)
            else {
                issue("major/minor \(line.quoted(majorField)) \(line.quoted(minorField)) are not device numbers; skipped")
                continue
            }
            let afterMinor = line.cursor
            guard let nameField = line.nextField() else {
                issue("has no device name; skipped")
                continue
            }

            // Fast path: a one-word name followed only by numbers.
            let run = line.readUInt64s(into: values)
            if run.failure == nil && run.extraAreNumbers
                && (run.count == 17 || run.count == 15 || run.count == 11) {
                stats.devices.append(device(major, minor, line.text(nameField), values, count: run.count))
                continue
            }
            if let failure = run.failure, failure.error == .overflow {
                issue("\(line.text(nameField)): \(line.describe(failure)); skipped")
                continue
            }

            // Slow path: the name may contain spaces. It is everything between the minor
            // number and a numeric tail of a known length.
            line.cursor = afterMinor
            var fields: [Range<Int>] = []
            line.remainingFields(into: &fields)
            var matched = false
            for tail in knownTailCounts where fields.count > tail {
                let tailStart = fields.count - tail
                guard fields[tailStart...].allSatisfy(line.isUnsignedSyntax) else { continue }
                var overflow: FieldFailure?
                for (i, field) in fields[tailStart...].enumerated() {
                    switch parseUInt64(buffer, field) {
                    case .success(let value): values[i] = value
                    case .failure(let error): overflow = FieldFailure(index: i, range: field, error: error)
                    }
                    if overflow != nil { break }
                }
                let name = line.text(fields[0].lowerBound..<fields[tailStart - 1].upperBound)
                if let overflow {
                    issue("\(name): \(line.describe(overflow)); skipped")
                } else {
                    stats.devices.append(device(major, minor, name, values, count: tail))
                }
                matched = true
                break
            }
            if !matched {
                issue("\(line.text(nameField)): expected 11, 15, 17 or more numeric fields after the name (14, 18 or 20 in all); skipped")
            }
        }
        return stats
    }

    private static func device(
        _ major: UInt32, _ minor: UInt32, _ name: String, _ v: UnsafeMutableBufferPointer<UInt64>, count: Int
    ) -> DiskDevice {
        DiskDevice(
            major: major, minor: minor, name: name,
            readsCompleted: v[0], readsMerged: v[1], sectorsRead: v[2], readTimeMs: v[3],
            writesCompleted: v[4], writesMerged: v[5], sectorsWritten: v[6], writeTimeMs: v[7],
            ioInProgress: v[8], ioTimeMs: v[9], weightedIoTimeMs: v[10],
            discardsCompleted: count >= 15 ? v[11] : nil,
            discardsMerged: count >= 15 ? v[12] : nil,
            sectorsDiscarded: count >= 15 ? v[13] : nil,
            discardTimeMs: count >= 15 ? v[14] : nil,
            flushesCompleted: count >= 17 ? v[15] : nil,
            flushTimeMs: count >= 17 ? v[16] : nil)
    }
}
