import CRRD
import Foundation

/// librrd calls, valid only on the engine's thread (it is handed to ``RRDEngine/run(_:)`` closures
/// and must not escape them). Each call clears librrd's sticky error first and copies it right
/// after, and frees everything librrd allocated.
public struct RRDSession: ~Copyable {
    /// Directory prefix to rrdcached address, for files rrdcached owns.
    let routes: [String: RRDCachedAddress]
    let flusher: ReadFlusher?

    init(routes: [String: RRDCachedAddress] = [:], flusher: ReadFlusher? = nil) {
        self.routes = routes
        self.flusher = flusher
    }

    private func daemon(for path: String) -> RRDCachedAddress? {
        routes.first { path.hasPrefix($0.key + "/") }?.value
    }


    public func create(_ path: String, layout: RRDLayout, start: Int, overwrite: Bool = false) throws {
        let args = CArguments(layout.arguments)
        try check("create", path) {
            args.withConstArgv { argv in
                rrd_create_r2(path, UInt(layout.step), time_t(start), overwrite ? 0 : 1, nil, nil, args.count, argv)
            }
        }
    }

    /// Writes many points in one call. Points must be in increasing time order and after the
    /// file's last update; librrd keeps the points before the first refused one.
    public func update(_ path: String, _ points: [RRDPoint]) throws {
        guard !points.isEmpty else { return }
        let args = CArguments(points.map(\.argument))
        try check("update", path) {
            args.withConstArgv { argv in rrd_update_r(path, nil, args.count, argv) }
        }
    }

    public func fetch(_ path: String, _ cf: Consolidation, start: Int, end: Int, resolution: Int? = nil) throws -> FetchResult {
        flushIfCached(path)
        var from = time_t(start)
        var until = time_t(end)
        var step = UInt(resolution ?? 1)
        var sourceCount: UInt = 0
        var names: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?
        var data: UnsafeMutablePointer<rrd_value_t>?
        try check("fetch", path) {
            rrd_fetch_r(path, cf.rawValue, &from, &until, &step, &sourceCount, &names, &data)
        }
        defer {
            for index in 0..<Int(sourceCount) { rrd_freemem(names?[index]) }
            rrd_freemem(names)
            rrd_freemem(data)
        }
        let sourceNames = (0..<Int(sourceCount)).map { String(cString: names![$0]!) }
        let rowCount = step == 0 ? 0 : Int((until - from) / time_t(step))
        let cells = UnsafeBufferPointer(start: data, count: rowCount * Int(sourceCount))
        let flat = cells.map { $0.isNaN ? nil : $0 }
        return FetchResult(start: Int(from), end: Int(until), step: Int(step), sourceNames: sourceNames, flat: flat)
    }

    /// Time of the file's last update.
    public func last(_ path: String) throws -> Int {
        rrd_clear_error()
        let time = rrd_last_r(path)
        if time == -1 { throw lastError("last", path) }
        return Int(time)
    }

    public func lastUpdate(_ path: String) throws -> LastUpdate {
        flushIfCached(path)
        var time: time_t = 0
        var count: UInt = 0
        var names: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?
        var values: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?
        try check("lastupdate", path) { rrd_lastupdate_r(path, &time, &count, &names, &values) }
        defer {
            for index in 0..<Int(count) {
                rrd_freemem(names?[index])
                rrd_freemem(values?[index])
            }
            rrd_freemem(names)
            rrd_freemem(values)
        }
        var result: [String: Double?] = [:]
        for index in 0..<Int(count) {
            let text = String(cString: values![index]!)
            result[String(cString: names![index]!)] = text == "U" ? nil : Double(text)
        }
        return LastUpdate(time: Int(time), values: result)
    }

    public func info(_ path: String) throws -> RRDInfo {
        flushIfCached(path)
        rrd_clear_error()
        guard let head = rrd_info_r(path) else { throw lastError("info", path) }
        defer { rrd_info_free(head) }
        return RRDInfo(list: head)
    }

    /// `rrd_graph_v` with the given arguments (without argv[0]); `-` as the file returns the image
    /// in memory. With `--imgformat JSON` and `XPORT:` lines the image is the JSON series.
    public func graph(_ arguments: [String]) throws -> GraphOutput {
        guard !routes.isEmpty else { return try graph(plain: arguments) }
        // Flush every cached file the graph reads; then `--daemon` for a unix socket (librrd's
        // client refuses absolute paths to a TCP daemon, and the files are current already).
        // A failed flush (rrdcached down or hung) skips `--daemon`: librrd's own client has no
        // timeout and would hold this thread.
        var daemons: [RRDCachedAddress] = []
        var flushed = true
        for path in ReadFlusher.definitionPaths(arguments) {
            guard let daemon = daemon(for: path) else { continue }
            flushed = (flusher?.flush([path], at: daemon) ?? false) && flushed
            if !daemons.contains(daemon) { daemons.append(daemon) }
        }
        guard flushed, daemons.count == 1, case .unix = daemons[0].endpoint else { return try graph(plain: arguments) }
        do {
            return try graph(plain: ["--daemon", daemons[0].description] + arguments)
        } catch let error as RRDError where error.message.contains("rrdc") || error.message.contains("daemon") {
            // rrdcached went away after the flush: the files are what there is.
            return try graph(plain: arguments)
        }
    }

    private func graph(plain arguments: [String]) throws -> GraphOutput {
        let args = CArguments(["graphv"] + arguments)
        rrd_clear_error()
        let head = args.withArgv { argv in rrd_graph_v(args.count, argv) }
        guard let head else { throw lastError("graph", "") }
        defer { rrd_info_free(head) }
        var info = RRDInfo(list: head)
        guard case .blob(let image)? = info.entries.removeValue(forKey: "image") else {
            throw RRDError(operation: "graph", path: "", message: "librrd returned no image; pass '-' as the output file")
        }
        return GraphOutput(image: image, info: info)
    }

    /// Has rrdcached write the file's cached points first when it owns the file.
    private func flushIfCached(_ path: String) {
        guard let daemon = daemon(for: path) else { return }
        flusher?.flush([path], at: daemon)
    }

    private func check(_ operation: String, _ path: String, _ call: () -> Int32) throws {
        rrd_clear_error()
        if call() != 0 { throw lastError(operation, path) }
    }

    private func lastError(_ operation: String, _ path: String) -> RRDError {
        let message = rrd_get_error().map { String(cString: $0) } ?? "unknown librrd error"
        rrd_clear_error()
        return RRDError.classify(operation: operation, path: path, message: message.isEmpty ? "unknown librrd error" : message)
    }
}

extension RRDInfo {
    /// Copies a librrd info list; the caller frees the list.
    init(list: UnsafeMutablePointer<rrd_info_t>) {
        var entries: [String: Value] = [:]
        var node: UnsafeMutablePointer<rrd_info_t>? = list
        while let current = node {
            let key = String(cString: current.pointee.key)
            let value = current.pointee.value
            switch current.pointee.type {
            case RD_I_VAL: entries[key] = .number(value.u_val)
            case RD_I_CNT: entries[key] = .count(value.u_cnt)
            case RD_I_INT: entries[key] = .integer(Int(value.u_int))
            case RD_I_STR: entries[key] = .text(value.u_str.map { String(cString: $0) } ?? "")
            case RD_I_BLO:
                let blob = value.u_blo
                entries[key] = .blob(blob.ptr.map { Array(UnsafeBufferPointer(start: $0, count: Int(blob.size))) } ?? [])
            default: break
            }
            node = current.pointee.next
        }
        self.entries = entries
    }
}
