import BallastAPI
import Foundation
import KubeTypes

/// `kubectl ballast status` at a glance: every SafetyPolicy and the most recent requests.
///
/// A pure function of the objects read and `now`. `-o json|yaml` encodes this value; its
/// fields are documented in docs/kubectl-plugin.md.
public struct StatusReport: Sendable, Hashable, Codable {
    /// One SafetyPolicy.
    public struct PolicyLine: Sendable, Hashable, Codable {
        /// The policy's name.
        public var name: String
        /// `Enforce` or `DryRun`.
        public var mode: String
        /// `spec.emergencyStop.enabled`.
        public var emergencyStopRequested: Bool
        /// `status.emergencyStop.active`, when an operator has reported it.
        public var emergencyStopActive: Bool?
        /// Whether the operator has observed the current spec (`status.observedGeneration`).
        public var observed: Bool
        /// `spec.emergencyStop.by`.
        public var emergencyStopBy: String?
        /// `spec.emergencyStop.reason`.
        public var emergencyStopReason: String?
        /// `status.emergencyStop.since`.
        public var emergencyStopSince: Date?
        /// `status.executing`: remediations executing now in the policy's scope.
        public var executing: Int?
        /// `status.actionsInWindow`: executed actions in the rate-limit window.
        public var actionsInWindow: Int?
        /// `spec.rateLimit.maxActions` and `per`, e.g. `20/1h`.
        public var rateLimit: String?
        /// Breakers that are not closed: `action` and until when.
        public var openBreakers: [CircuitBreakerStatus]
    }

    /// One RemediationRequest.
    public struct RequestLine: Sendable, Hashable, Codable {
        /// The request's namespace.
        public var namespace: String
        /// The request's name.
        public var name: String
        /// The phase, or `New` before an operator has written status.
        public var phase: String
        /// The decided (or requested) action.
        public var action: String?
        /// `Kind/name` of the target.
        public var target: String?
        /// `metadata.creationTimestamp`.
        public var createdAt: Date?
        /// ``RequestReason/summary(of:now:)``.
        public var reason: String
    }

    /// Every SafetyPolicy, by name.
    public var policies: [PolicyLine]
    /// Why the policies could not be read (e.g. RBAC allows only the requests); `nil` when
    /// `policies` is complete.
    public var policyError: String?
    /// Newest first, at most the requested limit.
    public var requests: [RequestLine]
    /// How many requests there were before the limit was applied.
    public var totalRequests: Int

    /// Builds the report.
    /// - Parameters:
    ///   - policies: Every SafetyPolicy.
    ///   - requests: The requests in scope (one namespace or all).
    ///   - limit: At most this many requests, newest first.
    ///   - now: The current time (for reasons with relative times).
    public init(policies: [SafetyPolicy], requests: [RemediationRequest], limit: Int, now: Date) {
        self.policies = policies.sorted { ($0.metadata.name ?? "") < ($1.metadata.name ?? "") }.map(Self.line)
        let newest = requests.sorted {
            ($0.metadata.creationTimestamp ?? .distantPast, $0.metadata.name ?? "")
                > ($1.metadata.creationTimestamp ?? .distantPast, $1.metadata.name ?? "")
        }
        self.requests = newest.prefix(max(limit, 0)).map { Self.line($0, now: now) }
        self.totalRequests = requests.count
    }

    static func line(_ policy: SafetyPolicy) -> PolicyLine {
        let status = policy.status
        let observed = (status?.observedGeneration ?? -1) >= (policy.metadata.generation ?? 0)
        return PolicyLine(
            name: policy.metadata.name ?? "?", mode: (policy.spec.mode ?? .enforce).rawValue,
            emergencyStopRequested: policy.spec.emergencyStop?.enabled ?? false,
            emergencyStopActive: status?.emergencyStop?.active, observed: observed,
            emergencyStopBy: policy.spec.emergencyStop?.by, emergencyStopReason: policy.spec.emergencyStop?.reason,
            emergencyStopSince: status?.emergencyStop?.since, executing: status?.executing,
            actionsInWindow: status?.actionsInWindow,
            rateLimit: policy.spec.rateLimit.map { "\($0.maxActions)/\($0.per)" },
            openBreakers: (status?.circuitBreakers ?? []).filter { $0.state != .closed })
    }

    static func line(_ request: RemediationRequest, now: Date) -> RequestLine {
        let status = request.status
        let target = status?.target ?? request.spec.target
        return RequestLine(
            namespace: request.metadata.namespace ?? "", name: request.metadata.name ?? "?",
            phase: status?.phase?.rawValue ?? "New",
            action: (status?.decision?.action ?? request.spec.action?.name)?.rawValue,
            target: target.map { "\($0.kind)/\($0.name)" }, createdAt: request.metadata.creationTimestamp,
            reason: RequestReason.summary(of: request, now: now))
    }
}
