import BallastAPI
import Foundation
import KubeTypes

/// What a reason does to the verdict.
public enum ReasonEffect: Int, Sendable, Hashable, Comparable {
    /// The action may run only as a server-side dry run.
    case dryRun = 0
    /// A person must approve first.
    case requireApproval = 1
    /// The action must not run.
    case deny = 2

    /// Orders by strength.
    public static func < (lhs: ReasonEffect, rhs: ReasonEffect) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// One reason of a verdict.
public struct VerdictReason: Sendable, Hashable, Comparable {
    /// The stable code.
    public var code: PolicyReasonCode
    /// Its effect.
    public var effect: ReasonEffect
    /// The policy (or `request` / `catalog`) the reason comes from.
    public var source: String
    /// A sentence with the numbers.
    public var message: String
    /// For time-bound denials: the first instant the reason no longer holds.
    public var retryAfter: Date?

    /// Creates a reason.
    public init(code: PolicyReasonCode, effect: ReasonEffect, source: String, message: String, retryAfter: Date? = nil) {
        self.code = code
        self.effect = effect
        self.source = source
        self.message = message
        self.retryAfter = retryAfter
    }

    /// Strongest effect first, then code, source and message: a deterministic order.
    public static func < (lhs: VerdictReason, rhs: VerdictReason) -> Bool {
        if lhs.effect != rhs.effect { return lhs.effect > rhs.effect }
        if lhs.code != rhs.code { return lhs.code.rawValue < rhs.code.rawValue }
        if lhs.source != rhs.source { return lhs.source < rhs.source }
        return lhs.message < rhs.message
    }
}

/// The outcome of a policy check: Allowed, RequiresApproval or Denied, with every reason.
public struct Verdict: Sendable, Hashable {
    /// The most restrictive outcome over all reasons.
    public var decision: PolicyVerdict
    /// Whether the action may only run as a dry run.
    public var dryRun: Bool
    /// Every reason, sorted (see ``VerdictReason/<(_:_:)``).
    public var reasons: [VerdictReason]
    /// When Denied only by time-bound reasons: the instant all of them have expired. `nil` when
    /// not denied or when some denial is not time-bound (emergency stop, allow-list, ...).
    public var retryAfter: Date?
    /// The policies that applied, sorted.
    public var policies: [String]
    /// Whether a detection asks for a person (prevention `Escalate`).
    public var escalate: Bool

    /// Combines `reasons` (any order) into a verdict. Reasons that differ only in their source
    /// (several policies giving the same reason with the same numbers) become one reason whose
    /// source lists those policies, which keeps `status.policy.reasons` short.
    public init(reasons: [VerdictReason], policies: [String], escalate: Bool = false) {
        let sorted = Self.merged(reasons)
        self.reasons = sorted
        self.policies = policies.sorted()
        self.escalate = escalate
        let strongest = sorted.first?.effect
        switch strongest {
        case .deny: decision = .denied
        case .requireApproval: decision = .requiresApproval
        case .dryRun, nil: decision = .allowed
        }
        dryRun = sorted.contains { $0.effect == .dryRun }
        let denials = sorted.filter { $0.effect == .deny }
        let times = denials.compactMap(\.retryAfter)
        retryAfter = !denials.isEmpty && times.count == denials.count ? times.max() : nil
    }

    /// `reasons` with equal (effect, code, retryAfter, message) merged, sources sorted and joined.
    /// Sorting and merging neighbours avoids hashing every (long) message.
    private static func merged(_ reasons: [VerdictReason]) -> [VerdictReason] {
        let ordered = reasons.sorted { lhs, rhs in
            if lhs.effect != rhs.effect { return lhs.effect > rhs.effect }
            if lhs.code != rhs.code { return lhs.code.rawValue < rhs.code.rawValue }
            if lhs.retryAfter != rhs.retryAfter { return (lhs.retryAfter ?? .distantPast) < (rhs.retryAfter ?? .distantPast) }
            return lhs.message < rhs.message
        }
        var merged: [VerdictReason] = []
        var sources: [[String]] = []
        for reason in ordered {
            if let last = merged.last, last.effect == reason.effect, last.code == reason.code,
                last.retryAfter == reason.retryAfter, last.message == reason.message
            {
                sources[sources.count - 1].append(reason.source)
            } else {
                merged.append(reason)
                sources.append([reason.source])
            }
        }
        return zip(merged, sources).map { reason, names in
            var combined = reason
            var unique: [String] = []
            for name in names.sorted() where unique.last != name { unique.append(name) }
            combined.source = unique.joined(separator: ", ")
            return combined
        }.sorted()
    }

    /// Whether the reasons include `code`.
    public func has(_ code: PolicyReasonCode) -> Bool { reasons.contains { $0.code == code } }

    /// The record for `status.policy` of the RemediationRequest.
    public var status: PolicyStatus {
        PolicyStatus(
            verdict: decision, policies: policies,
            reasons: reasons.map { PolicyReason(code: $0.code, message: "\($0.source): \($0.message)") },
            dryRun: dryRun, retryAfter: retryAfter)
    }
}
