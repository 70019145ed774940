import BallastAPI
import KubeTypes

/// Asked by ``ActionExecutor`` before every mutating operation of a plan whether it may still
/// start: the cancellation point that makes an emergency stop interrupt a multi-step action
/// (a drain's evictions) between two API calls instead of after the last one.
public struct MutationGate: Sendable {
    /// The names of the policies that stop mutations of `target` now; empty when nothing does.
    public let stoppingPolicies: @Sendable (TargetReference) -> [String]

    /// A gate answering with `stoppingPolicies`. It is called once per operation, so it must be
    /// cheap and must not block (read a cache).
    public init(_ stoppingPolicies: @escaping @Sendable (TargetReference) -> [String]) {
        self.stoppingPolicies = stoppingPolicies
    }

    /// A gate that never stops anything (the default, for callers that check before `execute`).
    public static let allowAll = MutationGate { _ in [] }

    /// The ``ExecutionFailure/code`` of an outcome cut short by the gate.
    public static let stoppedCode = "emergencyStop"
}

/// An emergency stop seen between two operations of a plan.
struct MutationStop: Sendable, Hashable {
    /// The policies that stopped it, as the gate named them.
    var policies: [String]
    /// The operation that was not started.
    var operation: PlannedOperation
    /// Operations (or evictions, for a plan that evicts) started before the stop.
    var done: Int
    /// Operations (or evictions) in the plan.
    var total: Int
    /// `evictions` or `operations`.
    var unit: String

    /// The failure the outcome carries: code `emergencyStop`, naming the policies and how far
    /// the plan got.
    var failure: ExecutionFailure {
        ExecutionFailure(
            code: MutationGate.stoppedCode, operation: operation.description,
            message: "stopped by emergency stop (SafetyPolicy \(policies.joined(separator: ", "))) after \(done) of \(total) \(unit)")
    }
}

extension ActionExecutor {
    /// The stop to honour before starting `plan.operations[index]`, or `nil` to go on. Dry runs
    /// are never stopped: they change nothing.
    func stop(before index: Int, of plan: ExecutionPlan, input: PlanningInput, dryRun: Bool) -> MutationStop? {
        guard !dryRun, plan.operations.indices.contains(index) else { return nil }
        let target = TargetReference(
            apiVersion: input.resource.apiVersion, kind: input.resource.kind, namespace: input.target.metadata.namespace,
            name: input.target.metadata.name ?? "", uid: input.target.metadata.uid)
        let policies = mutationGate.stoppingPolicies(target)
        guard !policies.isEmpty else { return nil }
        let evictions = plan.operations.enumerated().filter { if case .evict = $0.element { return true } else { return false } }
        if evictions.isEmpty {
            return MutationStop(policies: policies, operation: plan.operations[index], done: index, total: plan.operations.count, unit: "operations")
        }
        let done = evictions.filter { $0.offset < index }.count
        return MutationStop(policies: policies, operation: plan.operations[index], done: done, total: evictions.count, unit: "evictions")
    }

    /// The policies that stop mutations in the namespace of the pod `request` would evict, or
    /// `nil` to evict it. Asked for each eviction after ``stop(before:of:input:dryRun:)`` let the
    /// plan go on: a drain's target (the Node) has no namespace, so a stop scoped by
    /// `namespaceSelector` never covers it, but it does cover the pods the drain would evict
    /// there. Dry runs are never stopped.
    func namespaceStop(of request: EvictionRequest, dryRun: Bool) -> [String]? {
        guard !dryRun else { return nil }
        let pod = TargetReference(
            apiVersion: "v1", kind: "Pod", namespace: request.namespace, name: request.name, uid: request.uid)
        let policies = mutationGate.stoppingPolicies(pod)
        return policies.isEmpty ? nil : policies
    }
}

extension EvictionReport {
    /// The report of an eviction not started because `policies` stop mutations in the pod's
    /// namespace; its message names the namespace and the policies.
    static func stopped(_ request: EvictionRequest, by policies: [String]) -> EvictionReport {
        EvictionReport(
            pod: request.key.description, result: .stopped,
            message: "namespace \(request.namespace) is under emergency stop (SafetyPolicy \(policies.joined(separator: ", ")))")
    }
}
