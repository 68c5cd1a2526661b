import NIOCore
import Synchronization

/// Hands each received datagram to `ingest`. The receive buffer holds 64 KiB, more than the
/// largest UDP payload, so a datagram is never truncated and half-parsed.
final class DatagramHandler: ChannelInboundHandler, Sendable {
    typealias InboundIn = AddressedEnvelope<ByteBuffer>
    let ingest: @Sendable (UnsafeRawBufferPointer) -> Void

    init(ingest: @escaping @Sendable (UnsafeRawBufferPointer) -> Void) { self.ingest = ingest }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let envelope = unwrapInboundIn(data)
        envelope.data.withUnsafeReadableBytes { ingest($0) }
    }
}

/// Counts open TCP connections of one listener, to refuse past the limit.
final class ConnectionCount: Sendable {
    private let value = Mutex(0)
    let limit: Int

    init(limit: Int) { self.limit = limit }

    func open() -> Bool {
        value.withLock { count in
            guard count < limit else { return false }
            count += 1
            return true
        }
    }

    func close() { value.withLock { $0 -= 1 } }
}

/// One TCP connection of line-oriented text: complete lines go to `ingest`; a connection over the
/// limit, a line past `maxLine` or a connection idle past the timeout is closed.
final class LineConnectionHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    private var framer: LineFramer
    private let ingest: @Sendable (UnsafeRawBufferPointer) -> Void
    private let connections: ConnectionCount
    private let onRefused: @Sendable (String) -> Void
    private var admitted = false

    init(maxLine: Int, connections: ConnectionCount, ingest: @escaping @Sendable (UnsafeRawBufferPointer) -> Void,
         onRefused: @escaping @Sendable (String) -> Void) {
        framer = LineFramer(maxLine: maxLine)
        self.ingest = ingest
        self.connections = connections
        self.onRefused = onRefused
    }

    func channelActive(context: ChannelHandlerContext) {
        admitted = connections.open()
        if !admitted {
            onRefused("more than \(connections.limit) connections; closing the newest")
            context.close(promise: nil)
        }
        context.fireChannelActive()
    }

    func channelInactive(context: ChannelHandlerContext) {
        if admitted {
            framer.finish { ingest($0) }
            connections.close()
            admitted = false
        }
        context.fireChannelInactive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let buffer = unwrapInboundIn(data)
        let outcome = buffer.withUnsafeReadableBytes { bytes in framer.append(bytes) { ingest($0) } }
        if outcome == .lineTooLong {
            onRefused("a line longer than \(framer.maxLine) bytes; closing the connection")
            context.close(promise: nil)
        }
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if event is IdleStateHandler.IdleStateEvent {
            context.close(promise: nil)
            return
        }
        context.fireUserInboundEventTriggered(event)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        context.close(promise: nil)
    }
}
