import Logging
import MetricsConfig

enum Log {
    /// Logs go to stderr, one line per event, at the configured level.
    static func bootstrap(level: LogLevel) -> Logger {
        let swiftLogLevel = Logger.Level(rawValue: level.rawValue) ?? .info
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = swiftLogLevel
            return handler
        }
        return Logger(label: "metrics")
    }
}
