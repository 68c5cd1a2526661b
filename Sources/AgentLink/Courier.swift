import Foundation
import Logging
import MetricStore

/// The one owner of the agent's buffer and its link to the central: a batch goes straight to the
/// central when nothing is buffered, otherwise (or when that fails) to the buffer, which
/// ``replayNext()`` empties oldest first. Batches therefore reach the central in collection order.
public actor Courier {
    private let spool: Spool
    private let uplink: Uplink
    private let logger: Logger
    private var statistics = AgentStatistics()
    private var failureLog = RateLimitedLog(interval: 60)
    private var failing = false

    init(spool: Spool, uplink: Uplink, logger: Logger) {
        self.spool = spool
        self.uplink = uplink
        self.logger = logger
        let fullLog = LockedLog()
        spool.report = { [logger] rateLimited, message in
            // Only the bound's drops can repeat quickly; a torn tail is found once per crash.
            guard rateLimited else { return logger.warning("\(message)") }
            if let suppressed = fullLog.shouldLog() {
                logger.warning("\(message)\(suppressed > 0 ? " (\(suppressed) more drops in the last minute)" : "")")
            }
        }
        statistics.bufferedBytes = spool.totalBytes
    }

    /// Hands over one batch body. Returns false when it could be neither sent nor buffered.
    func deliver(_ body: [UInt8], samples: Int) async -> Bool {
        if spool.isEmpty {
            switch await uplink.send(body) {
            case .delivered:
                recovered()
                statistics.sentSamples += samples
                return true
            case .rejected(let why):
                reject(why, samples: samples)
                return true
            case .retry(let why):
                failed(why)
            }
        }
        do {
            try spool.append(SpoolRecord(payload: body, samples: samples))
            statistics.bufferedBatches += 1
            snapshot()
            return true
        } catch {
            logger.error("\(error); a batch of \(samples) sample(s) is lost")
            statistics.lostSamples += samples
            return false
        }
    }

    public enum ReplayStep: Sendable { case idle, sent, failed }

    /// Sends the oldest buffered batch, if any.
    public func replayNext() async -> ReplayStep {
        guard let record = spool.next() else { snapshot(); return .idle }
        let outcome = await uplink.send(record.payload)
        switch outcome {
        case .delivered: statistics.replayedSamples += record.samples
        case .rejected(let why): reject(why, samples: record.samples)
        case .retry(let why):
            failed(why)
            return .failed
        }
        recovered()
        spool.advance()
        snapshot()
        if spool.isEmpty { logger.info("agent buffer: replayed everything buffered; the central is up to date") }
        return .sent
    }

    public func currentStatistics() -> AgentStatistics { statistics }

    private func snapshot() {
        statistics.bufferedBytes = spool.totalBytes
        statistics.bufferedSegments = spool.segmentCount
        statistics.droppedSamples = spool.droppedSamples
    }

    private func failed(_ why: String) {
        statistics.failedSends += 1
        let first = !failing
        failing = true
        if failureLog.shouldLog(now: Int(Date().timeIntervalSince1970)) != nil || first {
            logger.warning("\(why); buffering batches in \(spool.directory) (up to \(spool.maxBytes) bytes)")
        }
    }

    private func recovered() {
        guard failing else { return }
        failing = false
        logger.notice("the central answers again; replaying \(spool.segmentCount) buffered segment(s) in order")
    }

    private func reject(_ why: String, samples: Int) {
        statistics.rejectedSamples += samples
        logger.error("\(why); the batch (\(samples) sample(s)) is dropped")
    }
}

/// What the agent side did since start, exported as `metrics.self.agent.*`.
public struct AgentStatistics: Sendable, Equatable {
    public var sentSamples = 0
    public var replayedSamples = 0
    public var bufferedBatches = 0
    public var bufferedBytes = 0
    public var bufferedSegments = 0
    /// Dropped because the buffer was full (oldest first).
    public var droppedSamples = 0
    /// Refused by the central for good (malformed or too large batch).
    public var rejectedSamples = 0
    /// Neither sent nor buffered (the buffer could not be written).
    public var lostSamples = 0
    public var failedSends = 0
}
