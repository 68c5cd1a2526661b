import Foundation
import Glibc

/// Whether a process group still has running members. `kill(-pgid, 0)` alone also counts
/// zombies, which a container's init may never reap, so a positive answer is checked in /proc.
enum ProcessGroup {
    static func hasLiveMembers(_ pgid: pid_t) -> Bool {
        guard kill(-pgid, 0) == 0 else { return false }
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: "/proc") else { return true }
        for entry in entries where entry.first?.isNumber == true {
            guard let stat = FileManager.default.contents(atPath: "/proc/\(entry)/stat"),
                  let fields = fieldsAfterName(stat), fields.count > 2 else { continue }
            // state, ppid, pgrp follow the parenthesised command name.
            if fields[2] == "\(pgid)", fields[0] != "Z", fields[0] != "X" { return true }
        }
        return false
    }

    /// The name in /proc/PID/stat may hold spaces and parentheses: split after its last ')'.
    private static func fieldsAfterName(_ stat: Data) -> [Substring]? {
        let text = String(decoding: stat, as: UTF8.self)
        guard let close = text.lastIndex(of: ")") else { return nil }
        return text[text.index(after: close)...].split(separator: " ")
    }
}
