import BallastAPI
import BallastCore
import Foundation
import KubeTypes
@testable import BallastOperator

/// What the world answers during one reconcile, and where (if anywhere) the operator crashes.
struct ReconcileScript: Sendable, CustomStringConvertible {
    static let verdicts: [Verdict] = [
        LifecycleFixture.allowed, LifecycleFixture.dryRunOnly, LifecycleFixture.approval(), LifecycleFixture.approval(.lowConfidence),
        LifecycleFixture.denied(.coolingOff, retryAfter: LifecycleFixture.now + 300), LifecycleFixture.denied(.maxConcurrent),
        LifecycleFixture.denied(.emergencyStop), LifecycleFixture.denied(.actionNotAllowed), LifecycleFixture.oscillating,
    ]
    static let outcomes: [ExecutionObservation.Result] = [
        .succeeded(alreadyApplied: false), .succeeded(alreadyApplied: true), .refused(reason: "NothingToDo"),
        .blockedByDisruptionBudget, .failed(transient: true), .failed(transient: false),
    ]

    /// Minutes since the previous reconcile.
    var minutesLater: Int
    var emergencyStop: Bool
    var verdict: Int
    var outcome: Int
    var alertResolved: Bool
    /// 0: no answer, 1: approved, 2: rejected (spec.approval, the one mutable field).
    var approval: Int
    /// Crash before performing the n-th effect of this reconcile (`nil`: no crash).
    var crashBefore: Int?
    /// Run the reconcile twice with the same observations (a duplicate watch event).
    var twice: Bool
    /// Someone edited an immutable spec field (`spec.allowedActions`) before this reconcile.
    var specEdited = false

    var description: String {
        "+\(minutesLater)m stop=\(emergencyStop) verdict=\(verdict) outcome=\(outcome) resolved=\(alertResolved) "
            + "approval=\(approval) crash=\(crashBefore.map(String.init) ?? "-") twice=\(twice) edited=\(specEdited)"
    }
}

/// A reconciler over an in-memory world that performs a step's effects exactly as the real one
/// must (in order, stopping at a crash), and records every breach of the lifecycle's guarantees.
struct SimulatedReconciler {
    /// The persisted request.
    var request: RemediationRequest
    /// ActionHistory entries by actionId.
    var history: [String: ActionEntry] = [:]
    /// actionIds whose effect reached the target (`ballast.dev/last-action-id`).
    var applied: Set<String> = []
    /// How often each actionId was executed.
    var executions: [String: Int] = [:]
    var now = LifecycleFixture.now
    var violations: [String] = []
    /// Per reconcile, the index of its first `execute` effect (for aiming crashes).
    var executeIndices: [Int?] = []

    init(spec: RemediationRequestSpec) {
        request = RemediationRequest(metadata: ObjectMeta(name: "web-rr", namespace: "shop", uid: LifecycleFixture.uid, generation: 1), spec: spec)
    }

    mutating func run(_ scripts: [ReconcileScript]) {
        for script in scripts {
            now += TimeInterval(script.minutesLater * 60)
            request.spec.allowedActions = script.specEdited ? [.restartDeployment, .notifyOnly] : nil
            request.spec.approval = [nil, Approval(decision: .approved, by: "alice"), Approval(decision: .rejected, by: "bob")][script.approval]
            reconcile(script)
            if script.twice { reconcile(ReconcileScript(
                minutesLater: 0, emergencyStop: script.emergencyStop, verdict: script.verdict, outcome: script.outcome,
                alertResolved: script.alertResolved, approval: script.approval, crashBefore: nil, twice: false,
                specEdited: script.specEdited)) }
            checkNoDanglingIntent()
        }
    }

    private mutating func reconcile(_ script: ReconcileScript) {
        var observations = LifecycleObservations(emergencyStop: script.emergencyStop ? ["freeze"] : nil)
        var performed = 0
        executeIndices.append(nil)
        for _ in 0..<16 {
            let before = request
            let step = RemediationLifecycle.next(request: before, observations: observations, now: now)
            check(step, before: before, observations: observations, script: script)
            var continues = false
            for effect in step.effects {
                if performed == script.crashBefore { return }
                if case .execute = effect, executeIndices[executeIndices.count - 1] == nil {
                    executeIndices[executeIndices.count - 1] = performed
                }
                performed += 1
                continues = perform(effect, script: script, observations: &observations) || continues
            }
            if !continues { return }
        }
        violations.append("reconcile did not settle within 16 steps at phase \(String(describing: request.status?.phase))")
    }

    /// Performs one effect. - Returns: whether it produced an observation (call again).
    private mutating func perform(_ effect: LifecycleEffect, script: ReconcileScript, observations: inout LifecycleObservations) -> Bool {
        switch effect {
        case .setAnnotation(let key, let value):
            request.metadata.annotations = (request.metadata.annotations ?? [:]).merging([key: value]) { $1 }
        case .updateStatus(let status):
            request.status = status
        case .recordIntent(let entry):
            if history[entry.actionId] == nil { history[entry.actionId] = entry }
        case .completeHistoryEntry(let completion):
            complete(completion)
        case .execute(let order):
            executions[order.actionId, default: 0] += 1
            let result = ReconcileScript.outcomes[script.outcome]
            if case .succeeded = result, !order.dryRun { applied.insert(order.actionId) }
            observations.execution = ExecutionObservation(actionId: order.actionId, result: result, message: "simulated")
            return true
        case .checkApplied(let actionId, _):
            observations.appliedCheck = applied.contains(actionId) ? .applied("annotation matches") : .notApplied
            return true
        case .gather(let need):
            answer(need, script: script, observations: &observations)
            return true
        case .emitEvent, .requeue:
            break
        }
        return false
    }

    private func answer(_ need: LifecycleNeed, script: ReconcileScript, observations: inout LifecycleObservations) {
        switch need {
        case .target: observations.target = .found(LifecycleFixture.web)
        case .decision: observations.decision = .decided(LifecycleFixture.decision())
        case .policyVerdict: observations.verdict = ReconcileScript.verdicts[script.verdict]
        case .intent(let actionId): observations.intent = history[actionId].map(IntentLookup.recorded) ?? .absent
        case .verification:
            observations.verification = VerificationSignal(alertResolvedAt: script.alertResolved ? now : nil, targetHealthy: true)
        }
    }

    private mutating func complete(_ completion: HistoryCompletion) {
        guard var entry = history[completion.actionId] else {
            violations.append("completed \(completion.actionId), which has no recorded intent")
            return
        }
        if entry.state != .pending && entry.state != completion.state {
            violations.append("\(completion.actionId) moved from \(entry.state) to \(completion.state)")
        }
        entry.state = completion.state
        entry.finishedAt = completion.finishedAt
        entry.effectiveness = completion.effectiveness ?? entry.effectiveness
        history[completion.actionId] = entry
    }

    /// The guarantees every single step must keep.
    private mutating func check(_ step: LifecycleStep, before: RemediationRequest, observations: LifecycleObservations, script: ReconcileScript) {
        let phase = before.status?.phase ?? .pending
        if RemediationLifecycle.next(request: before, observations: observations, now: now) != step {
            violations.append("not deterministic at \(phase)")
        }
        if phase.isTerminal && !step.effects.isEmpty {
            violations.append("terminal \(phase) produced \(step.effects)")
        }
        if script.emergencyStop, let order = step.executeOrder {
            violations.append("executed \(order.actionId) under an emergency stop")
        }
        if let text = before.metadata.annotations?[SpecFingerprint.annotationKey], let recorded = SpecFingerprint(annotation: text),
            SpecFingerprint(before.spec) != recorded, let order = step.executeOrder
        {
            violations.append("executed \(order.actionId) after an immutable spec field changed")
        }
        if step.status == before.status && step.writesStatus {
            violations.append("wrote an unchanged status at \(phase)")
        }
        if let order = step.executeOrder, executions[order.actionId, default: 0] > 0 {
            violations.append("executed \(order.actionId) a second time (\(script))")
        }
        let refusals: Set<RemediationPhase> = [.blocked, .failed, .escalated, .skipped, .awaitingApproval]
        if let next = step.phase, next != phase, refusals.contains(next) {
            let reasons = Set(step.events.map(\.reason))
            let explained = step.status.conditions?.contains { reasons.contains($0.reason) } ?? false
            if !explained { violations.append("\(phase) → \(next) without an event matching a condition: \(step.events)") }
        }
    }

    /// Between reconciles, a Pending entry is always the current execution of an Executing request.
    private mutating func checkNoDanglingIntent() {
        for entry in history.values where entry.state == .pending {
            let status = request.status
            if status?.phase != .executing || status?.execution?.actionId != entry.actionId {
                violations.append("Pending entry \(entry.actionId) dangles at phase \(String(describing: status?.phase))")
            }
        }
    }
}
