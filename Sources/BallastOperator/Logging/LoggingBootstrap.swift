import Logging
import Synchronization

/// Installs the process-wide log handler once, in `main`, from the resolved configuration.
/// Everything else receives its `Logger` by injection.
public enum LoggingBootstrap {
    private static let done = Atomic<Bool>(false)

    /// Bootstraps `LoggingSystem` with a JSON or text handler on standard error at `level`.
    /// - Returns: `true` the first time; later calls change nothing and return `false`
    ///   (swift-log traps on a second bootstrap, this never does).
    @discardableResult
    public static func bootstrap(format: LogFormat, level: Logger.Level) -> Bool {
        guard done.compareExchange(expected: false, desired: true, ordering: .acquiringAndReleasing).exchanged else {
            return false
        }
        LoggingSystem.bootstrap(handlerFactory(format: format, level: level))
        return true
    }

    /// The handler factory for `format` and `level` (what ``bootstrap(format:level:)`` installs).
    public static func handlerFactory(format: LogFormat, level: Logger.Level) -> @Sendable (String) -> any LogHandler {
        switch format {
        case .json:
            return { label in JSONLogHandler.standardError(label: label, level: level) }
        case .text:
            return { label in
                var handler = StreamLogHandler.standardError(label: label)
                handler.logLevel = level
                return handler
            }
        }
    }
}
