import Foundation

/// The terminal's width: the window size of standard output, else $COLUMNS, else 100.
public enum TerminalWidth {
    public static func columns() -> Int {
        var size = winsize()
        if ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 { return Int(size.ws_col) }
        if let text = ProcessInfo.processInfo.environment["COLUMNS"], let columns = Int(text), columns > 0 { return columns }
        return 100
    }
}
