import BallastAPI
import BallastCore
import ControllerRuntime
import Foundation
import KubeClient
import KubeTypes

/// The effect interpreter: one reconcile's walk through the lifecycle.
extension RemediationReconciler {
    /// What performing one effect asks of the loop.
    enum EffectResult {
        /// Go on with the next effect of the step.
        case proceed
        /// An observation was made: call the lifecycle again after this step.
        case observed
        /// The lifecycle asked to be called again after this long.
        case requeue(TimeInterval)
    }

    /// One reconcile's state: the request with the status the lifecycle last computed, the
    /// status the API server stores, what was observed, and the Events not yet emitted.
    struct Run {
        /// The request: metadata as last read or written, status as last computed.
        var request: RemediationRequest
        /// The status as last read or written (``flush(_:)`` writes `request.status` when it differs).
        var stored: RemediationRequestStatus?
        var observations = LifecycleObservations()
        /// The actionId the intent, execution and applied-check observations are about.
        var attempt: String?
        /// Events ordered by the steps since the last flush, emitted once their status is stored.
        var events: [LifecycleEvent] = []
        /// The target object as read by this reconcile (its lookup or its decision), so neither
        /// the policy check nor the executor moments later reads it again.
        var seenTarget: UnstructuredObject?

        init(request: RemediationRequest) {
            self.request = request
            self.stored = request.status
        }

        /// The object read earlier in this reconcile for `target`, if it is that object.
        func seen(_ target: TargetReference) -> UnstructuredObject? {
            guard let object = seenTarget, object.metadata.name == target.name, object.metadata.namespace == target.namespace,
                object.kind == target.kind, target.uid == nil || object.metadata.uid == target.uid
            else { return nil }
            return object
        }

        /// Notes that an observation about `actionId` was made.
        mutating func observed(_ actionId: String) {
            if attempt != actionId { observations.forgetAttempt() }
            attempt = actionId
        }

        /// Drops observations about an actionId that is no longer the current one (a step
        /// moved on to a new attempt).
        mutating func forgetStaleAttempt() {
            guard let attempt, attempt != request.status?.execution?.actionId else { return }
            observations.forgetAttempt()
            self.attempt = nil
        }
    }

    /// Calls the lifecycle and performs its effects until a step asks for no observation.
    ///
    /// Status writes are folded: a step's status is kept in the run and written once — before
    /// the next effect that must follow it durably (recording an intent, executing, completing
    /// a history entry) or when the reconcile ends — so a request that goes from Pending to a
    /// decision and a policy verdict in one reconcile costs one write, not one per step (the
    /// fold ``RemediationLifecycle`` permits). Events follow the write of their status.
    func drive(_ request: RemediationRequest) async throws -> ReconcileResult {
        var run = Run(request: request)
        if request.status?.phase ?? .pending == .pending { run.observations.duplicateOf = duplicate(of: request) }
        for _ in 0..<settings.maxStepsPerReconcile {
            run.observations.emergencyStop = emergencyStops(for: run.request)
            run.forgetStaleAttempt()
            let step = RemediationLifecycle.next(
                request: run.request, observations: run.observations, now: now, settings: settings.lifecycle)
            var again = false
            var requeue: TimeInterval?
            for effect in step.effects {
                switch try await perform(effect, in: &run) {
                case .proceed: break
                case .observed: again = true
                case .requeue(let delay): requeue = delay
                }
            }
            run.request.status = stamped(step.status, over: run.request.status)
            if again { continue }
            try await flush(&run)
            try await settled(run.request, from: request.status)
            return requeue.map { ReconcileResult.requeue(after: .milliseconds(Int64($0 * 1000))) } ?? .done
        }
        throw RemediationReconcileError.didNotSettle(
            request: "\(ObjectKey(request.metadata))", steps: settings.maxStepsPerReconcile,
            phase: run.request.status?.phase?.rawValue ?? "Pending")
    }

    /// Performs one effect.
    func perform(_ effect: LifecycleEffect, in run: inout Run) async throws -> EffectResult {
        switch effect {
        case .gather(let need):
            try await gather(need, in: &run)
            return .observed
        case .setAnnotation(let key, let value):
            run.request = try await annotate(run.request, key: key, value: value)
        case .updateStatus(let status):
            run.request.status = stamped(status, over: run.request.status)
        case .recordIntent(let entry):
            try await flush(&run)
            run.request = try await ensureFinalizer(run.request)
            try await ledger.recordIntent(entry, target: try target(of: run.request, for: "recordIntent"))
            logger.info("recorded intent", metadata: metadata(run.request).merging(["actionId": "\(entry.actionId)"]) { $1 })
        case .execute(let order):
            try await flush(&run)
            try await execute(order, in: &run)
            return .observed
        case .checkApplied(let actionId, let target):
            let action = run.request.status?.decision?.action
            run.observed(actionId)
            run.observations.appliedCheck = try await targets.appliedCheck(actionId: actionId, action: action, target: target)
            return .observed
        case .completeHistoryEntry(let completion):
            try await flush(&run)
            try await complete(completion, request: run.request)
        case .emitEvent(let event):
            run.events.append(event)
        case .requeue(let delay):
            return .requeue(delay)
        }
        return .proceed
    }

    /// Runs the action, unless an emergency stop arrived since the step was computed (then the
    /// lifecycle is told, and it abandons or re-checks instead).
    private func execute(_ order: ExecutionOrder, in run: inout Run) async throws {
        let stops = emergencyStops(for: run.request)
        if !stops.isEmpty, ActionCatalog.spec(for: order.action).mutating {
            logger.notice("emergency stop set just before execution; not executing", metadata: metadata(run.request))
            run.observations.emergencyStop = stops
            return
        }
        let key = ObjectKey(run.request.metadata)
        settings.faultPoint.reach(.afterIntent, logger: logger, context: "\(key) actionId \(order.actionId)")
        let outcome = await executor.execute(
            action: order.action, parameters: order.parameters, target: order.target, actionId: order.actionId,
            dryRun: order.dryRun, limits: limits(for: order), observed: run.seen(order.target))
        settings.faultPoint.reach(.afterExecute, logger: logger, context: "\(key) actionId \(order.actionId)")
        run.observed(order.actionId)
        run.observations.execution = ExecutionObservation(outcome)
    }

    /// The status as it is written and read back: `historyRef` added once the target is known,
    /// the executor's free text and the verdict kept within the CRD's bounds (`execution.message`
    /// ≤ 4096 scalars, `execution.changes` ≤ 32, ``bounded(_:)`` for `policy`, so a long drain
    /// report or a verdict of many policies never makes the write fail), in its wire form (``WireForm``), so comparing it with the stored status never sees
    /// a difference the API server would not keep.
    func stamped(_ status: RemediationRequestStatus) -> RemediationRequestStatus {
        var status = status
        if let target = status.target, status.historyRef == nil { status.historyRef = ActionHistory.name(for: target) }
        if let message = status.execution?.message {
            status.execution?.message = StoredText.cut(message, toScalars: Self.maxExecutionMessage)
        }
        if let changes = status.execution?.changes, changes.count > Self.maxExecutionChanges {
            status.execution?.changes = Array(changes.prefix(Self.maxExecutionChanges))
        }
        if let policy = status.policy { status.policy = Self.bounded(policy) }
        return WireForm.normalized(status)
    }

    /// `policy` within the CRD's bounds: the first ``maxPolicyReasons`` reasons (strongest
    /// first, as the verdict orders them), the first ``maxPolicies`` names, each message cut to
    /// ``maxPolicyReasonMessage`` scalars. Many overlapping policies can produce more, and a
    /// status the schema refuses would never be written: the request would sit without a word.
    /// The full list is in the `PolicyAllowed` condition's message and the Event.
    static func bounded(_ policy: PolicyStatus) -> PolicyStatus {
        var policy = policy
        policy.policies = Array(policy.policies.prefix(maxPolicies))
        policy.reasons = policy.reasons.prefix(maxPolicyReasons).map {
            PolicyReason(code: $0.code, message: StoredText.cut($0.message, toScalars: maxPolicyReasonMessage))
        }
        return policy
    }

    /// ``stamped(_:)``, or `status` itself when it equals `current`, the status the run holds —
    /// stamped before, or read back from the API server, hence in wire form and within the
    /// CRD's bounds — and that already has its `historyRef`. Stamping is idempotent, so a step
    /// that leaves the status as it was (most steps that only gather) costs a comparison
    /// instead of a JSON round trip.
    func stamped(_ status: RemediationRequestStatus, over current: RemediationRequestStatus?) -> RemediationRequestStatus {
        Self.alreadyStamped(status, holding: current) ? status : stamped(status)
    }

    /// Whether `status` is `current` (a stamped or stored status) and has its `historyRef`.
    static func alreadyStamped(_ status: RemediationRequestStatus, holding current: RemediationRequestStatus?) -> Bool {
        status == current && (status.target == nil || status.historyRef != nil)
    }

    /// CRD bounds of `status.execution`.
    static let maxExecutionMessage = 4096
    static let maxExecutionChanges = 32
    /// CRD bounds of `status.policy`.
    static let maxPolicies = 32
    static let maxPolicyReasons = 16
    static let maxPolicyReasonMessage = 1024

    /// The resolved target of `request`.
    func target(of request: RemediationRequest, for effect: String) throws(RemediationReconcileError) -> TargetReference {
        guard let target = request.status?.target else {
            throw .noTarget(request: "\(ObjectKey(request.metadata))", effect: effect)
        }
        return target
    }
}

extension LifecycleObservations {
    /// Drops what was observed about the previous attempt's actionId.
    mutating func forgetAttempt() {
        intent = nil
        execution = nil
        appliedCheck = nil
    }
}
