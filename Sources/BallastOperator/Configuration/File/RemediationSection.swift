/// `remediation:` of the configuration file: the RemediationRequest lifecycle's tunables,
/// mapped to ``LifecycleSettings`` (absent keys keep their defaults). Pure.
enum RemediationSection {
    /// The keys of the section.
    static let keys = [
        "maxAttempts", "escalationConfidence", "verificationWindow", "verificationPoll", "recheckInterval",
        "retryBackoff", "disruptionBudgetRetry",
    ]

    /// The settings the section describes.
    static func settings(_ section: StrictMapping) throws(ConfigurationError) -> LifecycleSettings {
        try section.rejectUnknownKeys(allowed: keys)
        var settings = LifecycleSettings()
        settings.maxAttempts = try section.int("maxAttempts", in: 1...10) ?? settings.maxAttempts
        settings.escalationConfidence = try section.double("escalationConfidence", in: 0...1) ?? settings.escalationConfidence
        settings.verificationWindow = try seconds("verificationWindow", section) ?? settings.verificationWindow
        settings.verificationPoll = try seconds("verificationPoll", section) ?? settings.verificationPoll
        settings.recheckInterval = try seconds("recheckInterval", section) ?? settings.recheckInterval
        settings.retryBackoff = try seconds("retryBackoff", section) ?? settings.retryBackoff
        settings.disruptionBudgetRetry = try seconds("disruptionBudgetRetry", section) ?? settings.disruptionBudgetRetry
        if settings.verificationPoll > settings.verificationWindow {
            throw .conflict(
                "config file \(section.file): remediation.verificationPoll must not be longer than remediation.verificationWindow")
        }
        return settings
    }

    private static func seconds(_ key: String, _ section: StrictMapping) throws(ConfigurationError) -> Double? {
        guard let duration = try section.positiveDuration(key) else { return nil }
        let (seconds, attoseconds) = duration.components
        return Double(seconds) + Double(attoseconds) / 1e18
    }
}
