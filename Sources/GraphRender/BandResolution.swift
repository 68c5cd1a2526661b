import RRD

/// Which archive a min/max band should read.
///
/// librrd serves MIN and MAX from any one-step archive (the minimum of one point is the point),
/// and `rrd_fetch` picks the archive whose step is closest to the one asked for; so a band left
/// to librrd at fine resolution comes from the AVERAGE archive and has no width. The band asks
/// for the finest real MIN archive (more than one step per row) that still reaches back to the
/// graph's start.
enum BandResolution {
    /// Seconds per row of that archive, or nil when the file has none that covers the range.
    static func seconds(in info: RRDInfo, start: Int) -> Int? {
        guard let step = info.number("step").map(Int.init), step > 0 else { return nil }
        let last = info.number("last_update").map(Int.init) ?? start
        var best: Int?
        var index = 0
        while let cf = info.text("rra[\(index)].cf") {
            defer { index += 1 }
            guard cf == "MIN", let perRow = info.number("rra[\(index)].pdp_per_row").map(Int.init), perRow > 1,
                  let rows = info.number("rra[\(index)].rows").map(Int.init)
            else { continue }
            let seconds = perRow * step
            guard last - rows * seconds <= start else { continue }
            best = min(best ?? seconds, seconds)
        }
        return best
    }
}
