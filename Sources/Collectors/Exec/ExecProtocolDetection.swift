import MetricStore

/// How `.auto` tells the protocol from a normal run's output, in this order:
/// 1. Munin, when the first non-blank line is `word.value N` (exactly two fields, `word` without
///    dots, `N` a number, `U` or `epoch:N`) or `multigraph NAME`.
/// 2. Nagios, when the exit status is 0–3 and the first line has a `|` perfdata section or a
///    state word (OK, WARNING, CRITICAL, UNKNOWN) as its first or second word.
/// 3. Plain otherwise.
/// So a plain program whose first line is `load.value 3` or `OK 1` reads as the wrong protocol:
/// configure the protocol explicitly when names must not depend on a guess.
public enum ExecProtocolDetection {
    public static func detect(stdout text: String, exitStatus: Int32) -> ExecProtocol {
        let firstLine = text.split(whereSeparator: \.isNewline).first { !$0.allSatisfy(\.isWhitespace) } ?? ""
        if looksLikeMunin(firstLine) { return .munin }
        if NagiosOutput.looksLikeNagios(firstLine: firstLine, exitStatus: exitStatus) { return .nagios }
        return .plain
    }

    static func looksLikeMunin(_ line: Substring) -> Bool {
        let fields = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
        guard fields.count == 2 else { return false }
        if fields[0] == "multigraph" { return true }
        let key = fields[0]
        guard key.hasSuffix(".value") else { return false }
        let field = key.dropLast(".value".count)
        guard !field.isEmpty, !field.contains(".") else { return false }
        let value = fields[1].split(separator: ":").last ?? ""
        return value == "U" || StrictDecimal.parse(String(value)) != nil
    }
}
