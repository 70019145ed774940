import BallastAPI
import Foundation

/// What the receiver knows about an existing request for a fingerprint.
public struct ExistingRequest: Sendable, Hashable {
    /// The request's name.
    public var name: String
    /// Its phase; `nil` before the operator first reconciled it (treated as `Pending`).
    public var phase: RemediationPhase?
    /// Whether a resolved notification was already recorded on it.
    public var alertResolved: Bool
    /// Its `metadata.creationTimestamp`, to find the newest.
    public var createdAt: Date?

    /// Creates a summary.
    public init(name: String, phase: RemediationPhase?, alertResolved: Bool, createdAt: Date?) {
        self.name = name
        self.phase = phase
        self.alertResolved = alertResolved
        self.createdAt = createdAt
    }

    /// Active: still being worked on and its alert not yet resolved. A firing alert with the
    /// same fingerprint is folded into an active request instead of starting another one.
    public init(_ request: RemediationRequest) {
        self.init(
            name: request.metadata.name ?? "", phase: request.status?.phase,
            alertResolved: request.status?.verification?.alertResolved ?? false,
            createdAt: request.metadata.creationTimestamp)
    }

    /// See ``init(_:)``: non-terminal phase and no recorded resolution.
    public var isActive: Bool { !(phase?.isTerminal ?? false) && !alertResolved }
}

/// What to do with a firing alert, given the requests that exist for its fingerprint. Pure.
public enum FiringDecision: Sendable, Hashable {
    /// No active request: create one with this name (free among the existing names).
    case create(name: String)
    /// An active request exists: increment its `status.deduplication`.
    case deduplicate(name: String)

    /// Decides for one firing alert.
    ///
    /// The newest active request wins the deduplication; otherwise the name is the base name for
    /// the first occurrence and `base-N` for later ones, the smallest N not already taken, so the
    /// same world always yields the same name and a concurrent creator gets a 409 instead of a
    /// duplicate.
    public static func decide(baseName: String, existing: [ExistingRequest]) -> FiringDecision {
        if let active = existing.filter(\.isActive).max(by: ExistingRequest.olderThan) {
            return .deduplicate(name: active.name)
        }
        let taken = Set(existing.map(\.name))
        var occurrence = 1
        while taken.contains(RequestNaming.name(base: baseName, occurrence: occurrence)) {
            occurrence += 1
        }
        return .create(name: RequestNaming.name(base: baseName, occurrence: occurrence))
    }
}

/// Which requests a resolved alert marks. Pure.
public enum ResolutionDecision {
    /// The names of every request for the fingerprint whose resolution is not yet recorded,
    /// oldest first; empty when there is nothing to mark (an unknown or already-resolved alert).
    public static func requestsToMark(_ existing: [ExistingRequest]) -> [String] {
        existing.filter { !$0.alertResolved }.sorted(by: ExistingRequest.olderThan).map(\.name)
    }
}

extension ExistingRequest {
    /// Orders by creation time, then name (so the order is total and deterministic).
    static func olderThan(_ lhs: ExistingRequest, _ rhs: ExistingRequest) -> Bool {
        let left = lhs.createdAt ?? .distantPast
        let right = rhs.createdAt ?? .distantPast
        return left == right ? lhs.name < rhs.name : left < right
    }
}
