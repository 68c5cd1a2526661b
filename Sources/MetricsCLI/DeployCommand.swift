import ArgumentParser
import EventStore
import Foundation
import TimeSyntax

struct DeployCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "deploy",
        abstract: "Record a deploy (or a rollback, flag flip, config change, incident) on the timeline.",
        discussion: """
            Writes to events.sqlite in the data directory; the event is on disk when the command \
            prints its id. Without --tag kind=..., the kind is 'deploy'; rollback, flag, config and \
            incident get their own colours on graphs. Times are now, -10m, epoch seconds or ISO 8601 \
            (2026-11-28T14:00Z). With --server URL the event goes to the daemon's POST /api/v1/events \
            instead (its write token from $METRICS_TOKEN or --token-file), for machines without the \
            data directory. Exits 0 when recorded, 1 when the database or daemon failed, 2 on a usage error.
            """
    )

    @Argument(help: "What happened, e.g. 'web v1.4.2' (at most 1,000 characters).")
    var what: String

    @Option(name: .long, help: ArgumentHelp("Who did it (default: the local user).", valueName: "name"))
    var who: String?

    @Option(name: .long, help: ArgumentHelp("A tag such as service=web or environment=prod; repeat for more.", valueName: "key=value"))
    var tag: [String] = []

    @Option(name: .long, help: ArgumentHelp("An http(s) link to the commit or pipeline.", valueName: "url"))
    var link: String?

    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("When it started (default: now).", valueName: "time"))
    var start: String?

    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("When it ended, for a deploy that took a while.", valueName: "time"))
    var end: String?

    @Option(help: ArgumentHelp("Record through this daemon's HTTP API, e.g. http://metrics:8080.", valueName: "url"))
    var server: String?

    @Option(name: .long, help: ArgumentHelp("With --server: file holding the write token (else $METRICS_TOKEN).", valueName: "file"))
    var tokenFile: String?

    @OptionGroup var options: ConfigOptions

    func run() async throws {
        let failure = CommandFailure(command: "deploy", usage: Self.usageString())
        let directory: String, event: NewEvent
        do {
            event = try makeEvent(now: Int(Date().timeIntervalSince1970)).validated()
            if let server {
                let remote = RemoteEvents(server: server, token: try RemoteEvents.token(file: tokenFile))
                do {
                    let stored = try await remote.record(event)
                    print("recorded event \(stored.id) at \(EventTimeText.iso(stored.start)) on \(server)")
                    return
                } catch {
                    failure.exit("\(error)", code: 1)
                }
            }
            directory = try options.resolveDataDirectory()
        } catch {
            failure.exit("\(error)", code: 2)
        }
        do {
            let stored = try EventStore(dataDirectory: directory).record(event)
            print("recorded event \(stored.id) at \(EventTimeText.iso(stored.start))")
        } catch {
            failure.exit("\(error)", code: 1)
        }
    }

    private func makeEvent(now: Int) throws -> NewEvent {
        var tags = try TagFilter.tags(parsing: tag)
        if tags[EventLimits.kindTag] == nil { tags[EventLimits.kindTag] = EventLimits.defaultKind }
        let startTime = try start.map { text throws(TimeSyntaxError) in try TimeSyntax.time(text, now: now) } ?? now
        let endTime = try end.map { text throws(TimeSyntaxError) in try TimeSyntax.time(text, now: now) }
        return NewEvent(start: startTime, end: endTime, what: what, who: who ?? Self.localUser(),
                        tags: tags, link: link, source: .cli)
    }

    /// `$USER`, else the password database's name for this uid.
    static func localUser() -> String? {
        if let user = ProcessInfo.processInfo.environment["USER"], !user.isEmpty { return user }
        guard let entry = getpwuid(getuid()), let name = entry.pointee.pw_name else { return nil }
        return String(cString: name)
    }
}

/// Says why a command stops, on standard error, and exits; usage errors (2) add the usage line.
struct CommandFailure {
    let command: String
    let usage: String

    func exit(_ message: String, code: Int32) -> Never {
        FileHandle.standardError.write(Data("metrics \(command): \(message)\n".utf8))
        if code == 2 { FileHandle.standardError.write(Data("Usage: metrics \(usage)\n".utf8)) }
        Foundation.exit(code)
    }
}
