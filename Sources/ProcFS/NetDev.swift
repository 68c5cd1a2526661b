/// Counters of one network interface, a data line of /proc/net/dev.
public struct NetDevice: Sendable, Equatable {
    public var name: String
    public var rxBytes: UInt64
    public var rxPackets: UInt64
    public var rxErrs: UInt64
    public var rxDrop: UInt64
    public var rxFifo: UInt64
    public var rxFrame: UInt64
    public var rxCompressed: UInt64
    public var rxMulticast: UInt64
    public var txBytes: UInt64
    public var txPackets: UInt64
    public var txErrs: UInt64
    public var txDrop: UInt64
    public var txFifo: UInt64
    public var txColls: UInt64
    public var txCarrier: UInt64
    public var txCompressed: UInt64

    public init(
        name: String,
        rxBytes: UInt64 = 0, rxPackets: UInt64 = 0, rxErrs: UInt64 = 0, rxDrop: UInt64 = 0,
        rxFifo: UInt64 = 0, rxFrame: UInt64 = 0, rxCompressed: UInt64 = 0, rxMulticast: UInt64 = 0,
        txBytes: UInt64 = 0, txPackets: UInt64 = 0, txErrs: UInt64 = 0, txDrop: UInt64 = 0,
        txFifo: UInt64 = 0, txColls: UInt64 = 0, txCarrier: UInt64 = 0, txCompressed: UInt64 = 0
    ) {
        self.name = name
        self.rxBytes = rxBytes
        self.rxPackets = rxPackets
        self.rxErrs = rxErrs
        self.rxDrop = rxDrop
        self.rxFifo = rxFifo
        self.rxFrame = rxFrame
        self.rxCompressed = rxCompressed
        self.rxMulticast = rxMulticast
        self.txBytes = txBytes
        self.txPackets = txPackets
        self.txErrs = txErrs
        self.txDrop = txDrop
        self.txFifo = txFifo
        self.txColls = txColls
        self.txCarrier = txCarrier
        self.txCompressed = txCompressed
    }
}

/// Per-interface network counters from /proc/net/dev (proc(5), "/proc/net/dev").
///
/// Two header lines (containing '|'), then `  eth0: <8 receive> <8 transmit counters>`.
/// Large counters can touch the colon (`eth0:123456789012 …`), so the name ends at the
/// first ':' (interface names cannot contain ':' or whitespace), not at a space.
public struct NetDev: Sendable, Equatable {
    /// In file order.
    public var devices: [NetDevice]
    public var issues: [ParseIssue]

    public init(devices: [NetDevice] = [], issues: [ParseIssue] = []) {
        self.devices = devices
        self.issues = issues
    }

    public func device(named name: String) -> NetDevice? {
        devices.first { $0.name == name }
    }

    static let counterCount = 16

    public static func parse(_ bytes: [UInt8]) -> NetDev {
        bytes.withUnsafeBufferPointer { buffer in
            withUnsafeTemporaryAllocation(of: UInt64.self, capacity: counterCount) { values in
                parse(buffer, scratch: values)
            }
        }
    }

    private static func parse(_ buffer: Bytes, scratch v: UnsafeMutableBufferPointer<UInt64>) -> NetDev {
        var netDev = NetDev()
        var lines = LineReader(buffer)
        while var line = lines.next() {
            if line.number <= 2 && line.contains(0x7C) { continue }  // '|' header lines
            if line.isAtEnd { continue }
            func issue(_ message: String) { netDev.issues.append(ParseIssue(line: line.number, message: message)) }
            guard let nameRange = line.field(before: 0x3A), !nameRange.isEmpty else {  // ':'
                issue("no 'interface:' prefix; skipped")
                continue
            }
            let name = line.text(nameRange)
            let run = line.readUInt64s(into: v)
            if let failure = run.failure {
                issue("\(name): \(line.describe(failure)); skipped")
                continue
            }
            guard run.count == counterCount else {
                issue("\(name): has \(run.count) values, expected 16; skipped")
                continue
            }
            if run.extra > 0 {
                issue("\(name): has \(16 + run.extra) values, expected 16; used the first 16")
            }
            netDev.devices.append(NetDevice(
                name: name,
                rxBytes: v[0], rxPackets: v[1], rxErrs: v[2], rxDrop: v[3],
                rxFifo: v[4], rxFrame: v[5], rxCompressed: v[6], rxMulticast: v[7],
                txBytes: v[8], txPackets: v[9], txErrs: v[10], txDrop: v[11],
                txFifo: v[12], txColls: v[13], txCarrier: v[14], txCompressed: v[15]))
        }
        return netDev
    }
}
