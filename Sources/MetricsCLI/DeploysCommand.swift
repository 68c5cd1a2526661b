import ArgumentParser
import DeployImpact
import DeployJudge
import EventStore
import Foundation
import TimeSyntax

struct DeploysCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "deploys",
        abstract: "List recorded deploys and other events, newest first.",
        discussion: """
            Lists events that overlap --from..--until (default: the last 7 days) and carry every \
            --tag given. Exits 0 when at least one event is listed, 1 when none is (like grep: \
            'metrics deploys --from -1h --tag service=web' is a test) or the database failed, \
            2 on a usage error. With --format json an empty result is still printed, as []. With \
            --server URL the events come from the daemon's GET /api/v1/events (its read token, when \
            it has one, from $METRICS_TOKEN or --token-file). With --impact each deploy tagged \
            service=NAME is judged against the error signals configured under impact.services.NAME \
            (see the README, "Deploy impact"), reading the data directory's files (or taking the \
            daemon's stored verdict, when it has judged the deploy): the table gains \
            IMPACT, METRIC, CHANGE and CONFIDENCE columns, the JSON an "impact" object per judged event.
            """
    )

    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("Start of the range (default: 7 days before --until).", valueName: "time"))
    var from: String?

    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("End of the range (default: now).", valueName: "time"))
    var until: String?

    @Option(name: .long, help: ArgumentHelp("Only events with this tag, e.g. service=web; repeat to require several.", valueName: "key=value"))
    var tag: [String] = []

    @Option(name: .long, help: ArgumentHelp("At most this many events, the newest (1 to 10000).", valueName: "count"))
    var limit: Int = 100

    // A plain string, checked in run(), so that a wrong value exits 2 like every usage error.
    @Option(name: .long, help: ArgumentHelp("'table' for people, 'json' for programs.", valueName: "format"))
    var format: String = "table"

    @Option(help: ArgumentHelp("List through this daemon's HTTP API, e.g. http://metrics:8080.", valueName: "url"))
    var server: String?

    @Option(name: .long, help: ArgumentHelp("With --server: file holding the token (else $METRICS_TOKEN).", valueName: "file"))
    var tokenFile: String?

    @Flag(name: .long, help: "Judge each deploy against its service's error signals (not with --server).")
    var impact = false

    @OptionGroup var options: ConfigOptions

    func run() async throws {
        let failure = CommandFailure(command: "deploys", usage: Self.usageString())
        let directory: String?, range: TimeRange, filters: [TagFilter], token: String?, judge: DeployJudge?
        do {
            directory = server == nil ? try options.resolveDataDirectory() : nil
            token = server == nil ? nil : try RemoteEvents.token(file: tokenFile)
            range = try TimeSyntax.range(from: from, until: until, now: Int(Date().timeIntervalSince1970), defaultSpan: 7 * 86_400)
            filters = try TagFilter.tags(parsing: tag).map { entry throws(EventError) in try TagFilter(key: entry.key, value: entry.value) }
            guard (1...EventLimits.maxQueryLimit).contains(limit) else { throw EventError.badLimit(limit) }
            guard ["table", "json"].contains(format) else { throw ValidationError("--format is 'table' or 'json', not '\(format.prefix(20))'") }
            judge = impact ? try DeployJudge(config: options.impactConfiguration(server: server), dataDirectory: directory ?? "") : nil
        } catch {
            failure.exit("\(error)", code: 2)
        }
        let events: [Event]
        do {
            if let server {
                events = try await RemoteEvents(server: server, token: token).events(from: range.start, until: range.end, tags: filters, limit: limit)
            } else {
                events = try Self.events(in: directory ?? "", range: range, filters: filters, limit: limit)
            }
        } catch {
            failure.exit("\(error)", code: 1)
        }
        var impacts: [DeployImpactResult?]?
        if let judge {
            let now = Int(Date().timeIntervalSince1970)
            var results: [DeployImpactResult?] = []
            // The daemon's stored verdict, when it has judged the deploy: both then say the same.
            let stored = (try? Self.storedImpacts(in: directory ?? "", events)) ?? [:]
            for event in events {
                if let verdict = stored[event.id] { results.append(verdict) } else { results.append(await judge.assess(event, now: now)) }
            }
            impacts = results
        }
        if format == "json" {
            print(impacts.map { ImpactListing.json(zip(events, $0).map { JudgedEvent(event: $0, impact: $1) }) } ?? EventListing.json(events))
        } else if !events.isEmpty {
            print(EventListing.table(events, impacts: impacts), terminator: "")
        }
        if events.isEmpty {
            failure.exit("no events between \(EventTimeText.iso(range.start)) and \(EventTimeText.iso(range.end))" +
                         (tag.isEmpty ? "" : " with \(tag.joined(separator: " "))"), code: 1)
        }
        if events.count == limit {
            FileHandle.standardError.write(Data("metrics deploys: showing the newest \(limit); use --limit or a narrower --from for more\n".utf8))
        }
    }

    private static func storedImpacts(in directory: String, _ events: [Event]) throws -> [Int64: DeployImpactResult] {
        guard !events.isEmpty else { return [:] }
        return try EventStore(dataDirectory: directory).impacts(of: events.map(\.id)).compactMapValues(DeployImpactResult.init(jsonText:))
    }

    /// A data directory without events.sqlite has no events; reading does not create the file.
    private static func events(in directory: String, range: TimeRange, filters: [TagFilter], limit: Int) throws -> [Event] {
        guard FileManager.default.fileExists(atPath: directory + "/" + EventStore.fileName) else { return [] }
        return try EventStore(dataDirectory: directory).events(from: range.start, until: range.end, tags: filters, limit: limit)
    }
}
