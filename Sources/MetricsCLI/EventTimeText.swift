import Foundation

/// Event times as people and scripts read them.
enum EventTimeText {
    /// `2026-11-28T14:30:00Z`.
    static func iso(_ time: Int) -> String {
        Date(timeIntervalSince1970: TimeInterval(time)).formatted(.iso8601)
    }

    /// `2026-11-28 14:30:00` in the local time zone (TZ), for tables.
    static func local(_ time: Int) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = .current
        formatter.dateFormat = "yyyy-MM-dd HH:mm:ss"
        return formatter.string(from: Date(timeIntervalSince1970: TimeInterval(time)))
    }

    /// `45s`, `12m`, `3h5m`, `2d4h`: how long an event lasted.
    static func duration(_ seconds: Int) -> String {
        switch seconds {
        case ..<60: "\(seconds)s"
        case ..<3_600: "\(seconds / 60)m" + (seconds % 60 == 0 ? "" : "\(seconds % 60)s")
        case ..<86_400: "\(seconds / 3_600)h" + (seconds % 3_600 / 60 == 0 ? "" : "\(seconds % 3_600 / 60)m")
        default: "\(seconds / 86_400)d" + (seconds % 86_400 / 3_600 == 0 ? "" : "\(seconds % 86_400 / 3_600)h")
        }
    }
}
