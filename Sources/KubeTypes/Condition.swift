import Foundation

/// The status of a condition, as `metav1.ConditionStatus`.
public enum ConditionStatus: String, Codable, Sendable, Hashable, CaseIterable {
    case `true` = "True"
    case `false` = "False"
    case unknown = "Unknown"
}

/// `metav1.Condition`: one observation of an aspect of an object's state.
public struct Condition: Codable, Sendable, Hashable {
    public var type: String
    public var status: ConditionStatus
    public var observedGeneration: Int64?
    public var lastTransitionTime: Date
    /// CamelCase machine-readable reason, e.g. `CoolingOff`.
    public var reason: String
    /// Human-readable explanation; may be empty.
    public var message: String

    public init(
        type: String, status: ConditionStatus, observedGeneration: Int64? = nil,
        lastTransitionTime: Date, reason: String, message: String
    ) {
        self.type = type
        self.status = status
        self.observedGeneration = observedGeneration
        self.lastTransitionTime = lastTransitionTime
        self.reason = reason
        self.message = message
    }
}

extension Array where Element == Condition {
    /// The condition of `type`, if present.
    public func condition(_ type: String) -> Condition? {
        first { $0.type == type }
    }

    /// Whether the condition of `type` is present with status `True`.
    public func isTrue(_ type: String) -> Bool {
        condition(type)?.status == .true
    }

    /// Sets a condition the way `meta.SetStatusCondition` does.
    ///
    /// `lastTransitionTime` changes to `now` only when the status changes (or the condition is
    /// new); reason, message and observedGeneration are always updated.
    /// - Returns: `true` when anything changed, so callers can skip no-op status writes.
    @discardableResult
    public mutating func set(
        _ type: String, status: ConditionStatus, reason: String, message: String,
        observedGeneration: Int64?, now: Date
    ) -> Bool {
        guard let index = firstIndex(where: { $0.type == type }) else {
            append(Condition(
                type: type, status: status, observedGeneration: observedGeneration,
                lastTransitionTime: now, reason: reason, message: message))
            return true
        }
        var updated = self[index]
        if updated.status != status {
            updated.status = status
            updated.lastTransitionTime = now
        }
        updated.reason = reason
        updated.message = message
        updated.observedGeneration = observedGeneration
        guard updated != self[index] else { return false }
        self[index] = updated
        return true
    }

    /// Removes the condition of `type`. - Returns: `true` when one was removed.
    @discardableResult
    public mutating func remove(_ type: String) -> Bool {
        let before = count
        removeAll { $0.type == type }
        return count != before
    }
}
