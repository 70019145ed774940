extension OperatorConfiguration {
    /// Leader election: `enabled` from `--leader-elect`, `$BALLAST_LEADER_ELECT` or the file; the
    /// Lease's name, namespace, identity and timings from the file only.
    /// - Throws: ``ConfigurationError`` for a bad value or timings that cannot work
    ///   (`retryPeriod < renewDeadline < leaseDuration`).
    static func leaderElection(
        _ layers: SettingLayers, defaults: LeaderElectionSettings
    ) throws(ConfigurationError) -> LeaderElectionSettings {
        var settings = defaults
        let section = layers.file.leaderElection
        if let flag = layers.flags.leaderElect {
            settings.enabled = flag
        } else if let variable = layers.environmentValue(["BALLAST_LEADER_ELECT"]) {
            settings.enabled = try SettingParser.bool(variable)
        } else if let enabled = section.enabled {
            settings.enabled = enabled
        }
        if let name = section.leaseName {
            settings.leaseName = try SettingParser.dnsLabel(
                LocatedValue(text: name, origin: layers.file.origin("leaderElection.leaseName")), what: "Lease name")
        }
        if let namespace = section.leaseNamespace {
            settings.leaseNamespace = try SettingParser.dnsLabel(
                LocatedValue(text: namespace, origin: layers.file.origin("leaderElection.leaseNamespace")))
        }
        settings.identity = section.identity ?? settings.identity
        settings.leaseDuration = section.leaseDuration ?? settings.leaseDuration
        settings.renewDeadline = section.renewDeadline ?? settings.renewDeadline
        settings.retryPeriod = section.retryPeriod ?? settings.retryPeriod
        do {
            _ = try settings.electionConfiguration()
        } catch {
            let location = layers.file.path.isEmpty ? "" : "config file \(layers.file.path): "
            throw .conflict("\(location)\(error.description)")
        }
        return settings
    }
}
