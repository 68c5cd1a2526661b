/// What the store accepts. Limits bound the work a flood or a hostile client can cause and keep
/// labels drawable; text is counted in Unicode scalars so that the byte size stays bounded too.
public enum EventLimits {
    public static let maxWhat = 1_000
    public static let maxWho = 200
    public static let maxTags = 20
    public static let maxTagKey = 64
    public static let maxTagValue = 200
    public static let maxLink = 2_000
    /// 1990-01-01T00:00:00Z: older times are typos (or epoch milliseconds divided wrongly).
    public static let earliest = 631_152_000
    /// 2100-01-01T00:00:00Z.
    public static let latest = 4_102_444_800
    /// Most events one query returns.
    public static let maxQueryLimit = 10_000

    /// The tag that says what sort of event it is. Free-form: `metrics deploy` sets `deploy`;
    /// `deploy`, `rollback`, `flag`, `config` and `incident` get their own colours on graphs,
    /// any other kind is drawn like a deploy with the kind in its label.
    public static let kindTag = "kind"
    public static let defaultKind = "deploy"

    /// True for a tag key of 1 to 64 ASCII letters, digits, `_`, `.` and `-`.
    public static func isValidTagKey(_ key: String) -> Bool {
        !key.isEmpty && key.utf8.count <= maxTagKey && key.utf8.allSatisfy { byte in
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: "-"):
                true
            default:
                false
            }
        }
    }

    /// True for a character that text may not hold: C0/C1 controls and DEL (a newline would
    /// forge a log or table line, an ESC drive the terminal), line and paragraph separators, and
    /// the bidirectional overrides and isolates that make text read differently from what it is
    /// ("Trojan Source"). Other format characters (zero-width joiners in emoji) are kept.
    public static func isForbidden(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F, 0x2028, 0x2029, 0x202A...0x202E, 0x2066...0x2069: true
        default: false
        }
    }

    static func forbiddenScalar(in text: String) -> Unicode.Scalar? {
        text.unicodeScalars.first(where: isForbidden)
    }
}
