import Logging

extension OperatorConfiguration {
    /// Logs every entry of ``warnings`` at warning level, in order, one record each with the
    /// message in `warning`; `ballast run` calls it once logging is set up, before anything starts.
    public func logWarnings(to logger: Logger) {
        for warning in warnings {
            logger.warning("configuration warning", metadata: ["warning": "\(warning)"])
        }
    }
}
