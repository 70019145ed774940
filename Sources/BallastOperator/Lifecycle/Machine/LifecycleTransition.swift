import BallastAPI
import Foundation
import KubeTypes

/// One call of the lifecycle: the inputs, the status being built and the effects collected.
///
/// Effects are ordered as the reconciler must perform them: `core` (status writes that must
/// precede an intent or an execution, history writes, execute), then the final status write
/// (only if the status changed), then events, then the gather or requeue that ends the step.
/// History is completed before the status moves on, so a crash in between is repaired by
/// adopting the completed entry (see ``LifecycleTransition/adopt(_:)``).
struct LifecycleTransition {
    let request: RemediationRequest
    let observations: LifecycleObservations
    let now: Date
    let settings: LifecycleSettings
    /// The request's uid (required for actionIds; checked before any phase runs).
    let uid: String
    var status: RemediationRequestStatus
    /// The spec differs from what was first observed (``specUnchanged()``): an attempt that may
    /// have run is still finished, but nothing new starts.
    var specChanged = false
    private var written: RemediationRequestStatus?
    private var core: [LifecycleEffect] = []
    private var events: [LifecycleEvent] = []
    private var last: LifecycleEffect?

    init(request: RemediationRequest, observations: LifecycleObservations, now: Date, settings: LifecycleSettings) {
        self.request = request
        self.observations = observations
        self.now = now
        self.settings = settings
        self.uid = request.metadata.uid ?? ""
        self.written = request.status
        self.status = request.status ?? RemediationRequestStatus(phase: .pending)
        if status.phase == nil { status.phase = .pending }
    }

    var phase: RemediationPhase { status.phase ?? .pending }
    var generation: Int64? { request.metadata.generation }

    /// The finished step.
    func step() -> LifecycleStep {
        var effects = core
        if status != written { effects.append(.updateStatus(status)) }
        effects += events.map(LifecycleEffect.emitEvent)
        if let last { effects.append(last) }
        return LifecycleStep(status: status, effects: effects)
    }

    // MARK: Effects

    /// Writes the status now (before an intent or an execution that depends on it).
    mutating func writeStatus() {
        guard status != written else { return }
        core.append(.updateStatus(status))
        written = status
    }

    /// Appends an ordered effect (history, execute, annotation).
    mutating func perform(_ effect: LifecycleEffect) { core.append(effect) }

    /// Ends the step asking for an observation.
    mutating func gather(_ need: LifecycleNeed) { last = .gather(need) }

    /// Ends the step asking for another reconcile after `seconds` (at least one second).
    mutating func requeue(after seconds: TimeInterval) { last = .requeue(after: max(1, seconds.rounded(.up))) }

    /// Ends the step asking the executor whether `actionId` already applied.
    mutating func checkApplied(_ actionId: String, target: TargetReference) {
        last = .checkApplied(actionId: actionId, target: target)
    }

    // MARK: Status

    /// Sets a condition with `meta.SetStatusCondition` semantics. - Returns: whether it changed.
    @discardableResult
    mutating func setCondition(_ type: String, _ value: ConditionStatus, reason: String, message: String) -> Bool {
        var conditions = status.conditions ?? []
        let changed = conditions.set(type, status: value, reason: reason, message: message, observedGeneration: generation, now: now)
        status.conditions = conditions
        return changed
    }

    /// Moves to `phase`, sets the condition and emits an Event of kind `event` (none when `nil`)
    /// with the same reason and message when the phase or the condition changed (repeating a
    /// step never repeats its Event).
    mutating func transition(
        to phase: RemediationPhase, condition: String, _ value: ConditionStatus, reason: String, message: String,
        event: LifecycleEvent.Kind?
    ) {
        let phaseChanged = self.phase != phase
        status.phase = phase
        let conditionChanged = setCondition(condition, value, reason: reason, message: message)
        if let event, phaseChanged || conditionChanged { emit(event, reason, message) }
    }

    /// Emits an Event.
    mutating func emit(_ type: LifecycleEvent.Kind, _ reason: String, _ message: String) {
        events.append(LifecycleEvent(type, reason, message))
    }

    /// Fails the request because its recorded status contradicts itself; nothing is executed.
    mutating func inconsistent(_ message: String) {
        transition(to: .failed, condition: LifecycleCondition.executed, .false, reason: "InconsistentStatus",
                   message: message, event: .warning)
    }
}
