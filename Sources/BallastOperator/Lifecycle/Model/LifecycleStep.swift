import BallastAPI

/// The lifecycle's answer for one call: the status the request should have and the effects
/// that get it there, in order.
///
/// `status` equals the request's current status exactly when `effects` holds no
/// ``LifecycleEffect/updateStatus(_:)``: an unchanged status is never written.
public struct LifecycleStep: Sendable, Hashable {
    /// The status after this step (already contained in the `updateStatus` effect, if any).
    public var status: RemediationRequestStatus
    /// What the reconciler must do, in order.
    public var effects: [LifecycleEffect]

    /// Creates a step.
    public init(status: RemediationRequestStatus, effects: [LifecycleEffect]) {
        self.status = status
        self.effects = effects
    }

    /// The observation the reconciler must gather before calling again, if any.
    public var need: LifecycleNeed? {
        for case .gather(let need) in effects { return need }
        return nil
    }

    /// The execute order of this step, if any.
    public var executeOrder: ExecutionOrder? {
        for case .execute(let order) in effects { return order }
        return nil
    }

    /// The events of this step.
    public var events: [LifecycleEvent] {
        effects.compactMap { if case .emitEvent(let event) = $0 { event } else { nil } }
    }

    /// Whether the step writes the status.
    public var writesStatus: Bool {
        effects.contains { if case .updateStatus = $0 { true } else { false } }
    }
}
