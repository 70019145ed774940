import BallastAPI
import BallastCore
import KubeClient
import KubeTypes
import Logging

/// Runs catalog actions against the cluster: reads the live target, plans purely (see the
/// `…Planner` types), then applies the plan's operations, for real or as a server-side dry run.
///
/// Guarantees:
/// - Never acts twice for one actionId: every mutation stamps ``AppliedRecord`` on its target in
///   the same write, and a re-run that finds the stamp returns the recorded changes
///   (``ExecutionOutcome/Result/alreadyApplied``). Restarts are keyed by the actionId itself.
/// - Never loses a concurrent update: each patch of the target carries the resourceVersion that
///   was read; on a 409 Conflict the executor pauses briefly, re-reads, re-plans and retries
///   (at most ``conflictRetries`` times, as client-go's `RetryOnConflict`) — nothing was
///   written by the failed attempt. The pause lets a controller's burst of status writes on a
///   fresh object pass instead of losing every round to it.
/// - Never throws for API errors: every failure becomes an ``ExecutionOutcome`` that says what
///   changed before it (nothing, for a failed first operation).
/// - Dry run sends the same operations with `dryRun=All`: the server validates and admits them
///   (PodDisruptionBudgets included), nothing persists.
///
/// Two ways to call it. ``execute(action:parameters:target:actionId:dryRun:limits:)`` does
/// everything. A reconciler that records intent first calls ``prepare(action:parameters:target:actionId:limits:)``,
/// writes the Pending ActionHistory entry with the plan's `before`/`after`, then calls
/// ``apply(_:input:dryRun:)``; after a crash in between, a new `prepare` with the same actionId
/// finds the stamp and finishes as already applied.
public struct ActionExecutor: Sendable {
    /// The client every call goes through.
    public var client: KubeClient
    /// Receives one line per outcome and per retried conflict.
    public var logger: Logger
    /// The field manager recorded on every write.
    public var fieldManager: String
    /// How often a conflicting write is re-planned before the outcome is a failure.
    public var conflictRetries: Int
    /// Bounds of `collect_diagnostics` summaries.
    public var diagnosticsBounds: DiagnosticsBounds
    /// Consulted before every mutating operation of a real (not dry-run) plan: when it names
    /// stopping policies, the plan ends there with code `emergencyStop` (see ``MutationGate``).
    public var mutationGate: MutationGate

    /// Creates an executor.
    public init(
        client: KubeClient, logger: Logger, fieldManager: String = "ballast", conflictRetries: Int = 5,
        diagnosticsBounds: DiagnosticsBounds = DiagnosticsBounds(), mutationGate: MutationGate = .allowAll
    ) {
        self.client = client
        self.logger = logger
        self.fieldManager = fieldManager
        self.conflictRetries = conflictRetries
        self.diagnosticsBounds = diagnosticsBounds
        self.mutationGate = mutationGate
    }

    /// Executes `action` on `target`.
    /// - Parameters:
    ///   - action: The catalog action.
    ///   - parameters: Its parameters (validated again here against the live target).
    ///   - target: The target; when its `uid` is set, a re-created object of the same name is refused.
    ///   - actionId: The deterministic id of this attempt (see `ActionID`).
    ///   - dryRun: Send every write with `dryRun=All`.
    ///   - limits: The policy's limits for the action (`maxReplicas`, `maxMemory`, `maxPods`, …).
    ///   - observed: The target as the caller read it moments ago, used instead of a first read.
    ///     Safe because every patch carries that object's resourceVersion: if the target moved
    ///     since, the patch is a 409 and the retry re-reads it live.
    /// - Returns: The outcome; never throws.
    public func execute(
        action: ActionName, parameters: [String: JSONValue], target: TargetReference, actionId: String,
        dryRun: Bool, limits: [String: JSONValue] = [:], observed: UnstructuredObject? = nil
    ) async -> ExecutionOutcome {
        let outcome = await run(
            action: action, parameters: parameters, target: target, actionId: actionId, dryRun: dryRun, limits: limits,
            observed: observed)
        logger.info(
            "executed \(action.rawValue) on \(target.kind) \(ObjectKey(namespace: target.namespace, name: target.name)): \(outcome.message)",
            metadata: ["actionId": "\(actionId)", "dryRun": "\(dryRun)", "result": "\(outcome.executionResult.rawValue)"])
        return outcome
    }

    private func run(
        action: ActionName, parameters: [String: JSONValue], target: TargetReference, actionId: String,
        dryRun: Bool, limits: [String: JSONValue], observed: UnstructuredObject?
    ) async -> ExecutionOutcome {
        let spec = ActionCatalog.spec(for: action)
        if !spec.mutating {
            return await readOnly(action: action, parameters: parameters, target: target, actionId: actionId, dryRun: dryRun)
        }
        var attempt = 0
        var observed = observed
        while true {
            let prepared = await prepare(
                action: action, parameters: parameters, target: target, actionId: actionId, limits: limits, observed: observed)
            observed = nil
            let outcome: ExecutionOutcome
            switch prepared {
            case .ready(let input, let plan):
                outcome = await apply(plan, input: input, dryRun: dryRun)
            case .finished(let result, let message, let changes):
                return ExecutionOutcome(
                    action: action, actionId: actionId, dryRun: dryRun, result: result, message: message, changes: changes)
            }
            guard case .failed(let failure) = outcome.result, failure.code == KubeError.Code.conflict.rawValue,
                outcome.changes.isEmpty, attempt < conflictRetries
            else { return outcome }
            attempt += 1
            logger.debug(
                "conflict on \(failure.operation); re-reading and re-planning (attempt \(attempt))",
                metadata: ["actionId": "\(actionId)"])
            // 10 ms × attempt, ±50 %: client-go's RetryOnConflict waits 10 ms a step.
            try? await Task.sleep(for: .milliseconds(10.0 * Double(attempt) * Double.random(in: 0.5...1.5)))
        }
    }
}
