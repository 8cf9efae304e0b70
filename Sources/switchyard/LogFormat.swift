import ArgumentParser
import Logging

/// How the service writes its logs.
enum LogFormat: String, CaseIterable, ExpressibleByArgument {
    case text, json

    /// Installs the process-wide log handler; called once, before anything logs.
    func bootstrap(level: Logger.Level) {
        switch self {
        case .text:
            LoggingSystem.bootstrap { label in
                var handler = TextLogHandler(label: label)
                handler.logLevel = level
                return handler
            }
        case .json:
            LoggingSystem.bootstrap { label in
                var handler = JSONLogHandler(label: label)
                handler.logLevel = level
                return handler
            }
        }
    }
}

extension Logger.Level: @retroactive ExpressibleByArgument {}
