import BallastAPI
import Foundation
import KubeTypes

/// What `stop` or `resume` did, for the person (``render(now:)``) and for scripts
/// (`-o json|yaml` encodes this value; its fields are documented in docs/kubectl-plugin.md).
public struct EmergencyStopResult: Sendable, Hashable, Encodable {
    /// The change that was written.
    public var change: EmergencyStopChange
    /// How long the verb waited for a confirmation.
    public var timeout: GoDuration
    /// `stop` had to create the policy (it did not exist).
    public var created = false
    /// `resume` deleted the policy, because `stop` had created it and nothing else was set.
    public var deleted = false
    /// The spec already said what was asked (a repeated stop or resume).
    public var wasAlready = false
    /// How long the operator took to confirm; `nil` when no confirmation was needed (deleted).
    public var confirmedAfter: Duration?
    /// The policy as last read back.
    public var policy: SafetyPolicy?
    /// Other policies whose emergency stop is set.
    public var otherStops: [SafetyPolicy] = []

    /// Creates an empty result for `change`.
    public init(change: EmergencyStopChange, timeout: GoDuration) {
        self.change = change
        self.timeout = timeout
    }

    /// The exit-3 failure when the spec was written but no operator confirmed it in time (the
    /// change stands); `nil` when confirmed, or when `resume` deleted the policy.
    public var unconfirmed: CtlError? {
        guard confirmedAfter == nil, !deleted else { return nil }
        let state = change.enabled ? "set" : "cleared"
        return CtlError(.unconfirmed, "emergency stop is \(state) in spec but no operator confirmed it within \(timeout) — is Ballast running?")
    }

    enum CodingKeys: String, CodingKey {
        case policyName, emergencyStop, created, deleted, wasAlready, confirmed, confirmedAfterSeconds, policy, otherStops
    }

    /// Encodes the documented structure: `policyName`, `emergencyStop` (`enabled`, `reason`,
    /// `by`), `created`, `deleted`, `wasAlready`, `confirmed`, `confirmedAfterSeconds`, `policy` (the
    /// SafetyPolicy as read back) and `otherStops` (names of other stopped policies).
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(change.policyName, forKey: .policyName)
        try container.encode(change.emergencyStop, forKey: .emergencyStop)
        try container.encode(created, forKey: .created)
        try container.encode(deleted, forKey: .deleted)
        try container.encode(wasAlready, forKey: .wasAlready)
        try container.encode(unconfirmed == nil, forKey: .confirmed)
        try container.encodeIfPresent(confirmedAfter.map(Self.seconds), forKey: .confirmedAfterSeconds)
        try container.encodeIfPresent(policy, forKey: .policy)
        try container.encode(otherStops.compactMap(\.metadata.name), forKey: .otherStops)
    }

    /// Sentences for a person: what was changed, whether the operator confirmed it, and which
    /// other policies still hold a stop.
    public func render(now: Date) -> String {
        let name = "SafetyPolicy \(change.policyName)"
        var lines: [String] = []
        if change.enabled {
            if created {
                lines.append("\(name) did not exist: created it with only the emergency stop (no selectors, so it covers the whole cluster, and no other limits).")
                lines.append("`kubectl ballast resume` deletes it again.")
            }
            let who = change.by.map { " by \($0)" } ?? ""
            let why = change.reason.map { ": \($0)" } ?? ""
            lines.append(wasAlready ? "Emergency stop on \(name) was already set; now set\(who)\(why)." : "Emergency stop set on \(name)\(who)\(why).")
            lines.append(confirmation(now: now, "no new mutating action starts in its scope; actions already running finish"))
        } else if deleted {
            lines.append("Emergency stop lifted: deleted \(name), which `kubectl ballast stop` had created with nothing but the stop.")
        } else {
            lines.append(wasAlready ? "Emergency stop was not set on \(name); cleared it again." : "Emergency stop cleared on \(name).")
            lines.append(confirmation(now: now, "blocked requests in its scope resume by themselves"))
        }
        for other in otherStops {
            let stop = other.spec.emergencyStop
            let who = stop?.by.map { " by \($0)" } ?? ""
            let why = stop?.reason.map { ": \($0)" } ?? ""
            lines.append("Note: the emergency stop is also set on SafetyPolicy \(other.metadata.name ?? "?")\(who)\(why) (`kubectl ballast resume --policy \(other.metadata.name ?? "?")`).")
        }
        return lines.joined(separator: "\n")
    }

    private func confirmation(now: Date, _ effect: String) -> String {
        guard let confirmedAfter else { return "No operator confirmed it within \(timeout)." }
        let since = policy?.status?.emergencyStop?.since.map { "; active since \(RelativeTime.exact($0, now: now))" } ?? ""
        let seconds = Text.fraction(Self.seconds(confirmedAfter))
        return "Confirmed by the operator after \(seconds)s\(change.enabled ? since : ""). \(effect.capitalizedFirst)."
    }

    private static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}
