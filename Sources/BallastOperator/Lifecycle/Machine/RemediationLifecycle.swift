import BallastAPI
import Foundation
import KubeTypes

/// The RemediationRequest lifecycle as a pure function: Pending → Analyzing → policy check →
/// AwaitingApproval → Executing → Verifying → Completed | Failed, with Blocked (resumes by
/// itself), Escalated (a person must act) and Skipped on the side.
///
/// Guarantees, for any request and observations:
/// - **Pure**: no I/O, no clock; the same inputs give the same ``LifecycleStep``.
/// - **Intent first**: `execution.startedAt` is written (with the status that names the new
///   actionId) and the Pending ActionHistory entry recorded before the `execute` effect; an
///   actionId is executed at most once. After a crash an actionId with a Pending intent and a
///   `startedAt` is only ever *checked* (``LifecycleEffect/checkApplied(actionId:target:)``):
///   applied → adopted as succeeded; not applied → abandoned, and a new attempt (new actionId)
///   goes through the policy check again. Without an intent nothing ran, and the attempt goes on.
/// - **Emergency stop**: while observed, nothing new starts; an action already started finishes
///   and is recorded.
/// - **Spec immutability**: a change to any spec field but `approval` after the first
///   observation sets `InvalidSpec` naming the fields; nothing new starts until it is reverted.
/// - **Stable terminal phases**: Completed, Failed, Escalated and Skipped produce no effects.
/// - **Explained refusals**: every refusal, escalation and action sets a condition and emits an
///   Event with the same reason and message; repeating a step repeats neither.
///
/// Transitions (condition and Event reason in brackets; every row sets both, except two that set
/// the condition only: the Requested decision — the request's own `spec.action` records it — and
/// an allowance without a person's approval — the outcome's Event, moments later, names the
/// policy):
///
/// | from | observation | to |
/// |---|---|---|
/// | Pending | duplicate alert | Skipped [Deduplicated] |
/// | Pending | labels name no single target / lookup returns another object | Failed [TargetUnresolvable] |
/// | Pending | target missing | Failed [TargetNotFound] |
/// | Pending | target found | Analyzing |
/// | Analyzing | `spec.action` | decision with source Requested, confidence 1 [Requested] |
/// | Analyzing | decision failed | Escalated [NoDecision] |
/// | Analyzing | notify_only / escalate | Skipped [NotifyOnly] / Escalated [EscalationRequested] |
/// | Analyzing | confidence < ``LifecycleSettings/escalationConfidence`` | Escalated [LowConfidence] |
/// | policy check | emergency stop | Blocked [EmergencyStop], re-checked every ``LifecycleSettings/recheckInterval`` |
/// | policy check | verdict asks to escalate (oscillation) | Escalated [OscillationDetected] |
/// | policy check | denied, every denial can lift (cooling-off, rate, concurrency, circuit, oscillation, invalid policy) | Blocked [code] until `retryAfter` |
/// | policy check | denied otherwise (namespace, selector, allow-list, limits, parameters) | Failed [code] |
/// | policy check | requires approval: none / Approved / Rejected | AwaitingApproval [code] / Executing [Approved] / Skipped [Rejected] |
/// | policy check | allowed | Executing [Allowed or DryRunOnly], attempt n+1 |
/// | AwaitingApproval | emergency stop | Blocked [EmergencyStop] |
/// | Blocked | `retryAfter` passed or none | policy check again |
/// | Executing | not started, emergency stop | intent Abandoned, Blocked [EmergencyStop] |
/// | Executing | succeeded (or already applied) | Verifying [Succeeded, AlreadyApplied]; dry run or read-only action: Completed |
/// | Executing | refused by the executor | Failed [the executor's reason] |
/// | Executing | PodDisruptionBudget / transient failure | Blocked [BlockedByDisruptionBudget / ExecutionFailed], retried as attempt n+1 |
/// | Executing | permanent failure | Failed [ExecutionFailed] |
/// | Executing | started before a crash, not applied | intent Abandoned, Blocked [Abandoned], retried as attempt n+1 |
/// | retry | attempts used up (``LifecycleSettings/maxAttempts``) | Escalated [RepeatedFailure] |
/// | Verifying | alert resolved | Completed [AlertResolved] |
/// | Verifying | window passed: alert firing / no alert and target healthy / unhealthy | Failed [AlertNotResolved] / Completed [TargetHealthy] / Failed [TargetUnhealthy] |
///
/// Choices: a person's rejection is Skipped (nothing failed); an executor's refusal is Failed
/// (nothing changed, the entry is Abandoned so it counts for no circuit breaker); transient
/// failures are retried as new attempts, each through the policy check again, so cooling-off and
/// circuit breakers apply to retries too.
///
/// The reconciler performs the effects in order and stops at the first that fails. Status writes
/// must be conditional on the `resourceVersion` it read, so a stale step can never be replayed
/// over a newer status. It may hold a status write back and fold it into a later one (one write
/// per reconcile instead of one per step), provided every status ordered before a
/// `recordIntent`, `execute` or `completeHistoryEntry` is written before that effect runs, and
/// the last one before the reconcile ends. After `gather`, `execute` or `checkApplied` it fills
/// the observation and calls ``next(request:observations:now:settings:)`` again with the
/// request's status set to ``LifecycleStep/status``.
public enum RemediationLifecycle {
    /// The next step of `request` given this reconcile's `observations` at `now`.
    public static func next(
        request: RemediationRequest, observations: LifecycleObservations, now: Date,
        settings: LifecycleSettings = LifecycleSettings()
    ) -> LifecycleStep {
        var transition = LifecycleTransition(request: request, observations: observations, now: now, settings: settings)
        transition.run()
        return transition.step()
    }
}

extension LifecycleTransition {
    /// Checks the request itself, then runs the handler of the current phase.
    mutating func run() {
        guard !phase.isTerminal else { return }
        status.observedGeneration = generation
        let errors = request.spec.validationErrors()
        guard errors.isEmpty else {
            setCondition(LifecycleCondition.invalidSpec, .true, reason: "ValidationFailed", message: errors.joined(separator: "; "))
            transition(to: .failed, condition: LifecycleCondition.decided, .false, reason: "InvalidSpec",
                       message: "Invalid spec: \(errors.joined(separator: "; "))", event: .warning)
            return
        }
        guard !uid.isEmpty else {
            inconsistent("metadata.uid is empty: actionIds cannot be derived")
            return
        }
        specChanged = !specUnchanged()
        guard !specChanged || startedActionInFlight else { return }
        switch phase {
        case .pending: pending()
        case .analyzing: analyzing()
        case .awaitingApproval: awaitingApproval()
        case .blocked: blocked()
        case .executing: executing()
        case .verifying: verifying()
        case .completed, .failed, .escalated, .skipped: return
        }
    }

    /// Whether an action of this request may have started and must be allowed to finish (an
    /// Executing attempt with `startedAt` whose intent turns out absent never ran: it stays put,
    /// see ``executing(freshActionId:)``).
    var startedActionInFlight: Bool {
        phase == .verifying || (phase == .executing && status.execution?.startedAt != nil)
    }

    /// Records the spec fingerprint at the first observation; afterwards compares it and keeps
    /// `InvalidSpec` in step. - Returns: `false` when the spec changed (nothing new may start).
    mutating func specUnchanged() -> Bool {
        let current = SpecFingerprint(request.spec)
        guard let text = request.metadata.annotations?[SpecFingerprint.annotationKey],
            let recorded = SpecFingerprint(annotation: text)
        else {
            perform(.setAnnotation(key: SpecFingerprint.annotationKey, value: current.annotation))
            return true
        }
        let changed = current.changedFields(since: recorded)
        if changed.isEmpty {
            if status.conditions?.condition(LifecycleCondition.invalidSpec)?.reason == "SpecChanged" {
                setCondition(LifecycleCondition.invalidSpec, .false, reason: "SpecRestored",
                             message: "spec matches what was first observed again")
                emit(.normal, "SpecRestored", "spec matches what was first observed again; resuming")
            }
            return true
        }
        let message = "\(changed.joined(separator: ", ")) changed after creation; only spec.approval may change. "
            + "The change is ignored and nothing new is executed until it is reverted"
        if setCondition(LifecycleCondition.invalidSpec, .true, reason: "SpecChanged", message: message) {
            emit(.warning, "SpecChanged", message)
        }
        return false
    }
}
