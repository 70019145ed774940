import BallastAPI
import BallastCore
import KubeClient
import KubeTypes

extension ActionExecutor {
    /// Reads the live target (unless `observed` is that target, read by the caller moments ago)
    /// and the objects its action depends on, validates the parameters against the target's
    /// values, and plans. Writes nothing.
    ///
    /// Public so a caller (or a test) can plan, inspect the plan, and ``apply(_:input:dryRun:)`` it.
    public func prepare(
        action: ActionName, parameters: [String: JSONValue], target: TargetReference, actionId: String,
        limits: [String: JSONValue] = [:], observed: UnstructuredObject? = nil
    ) async -> PreparedAction {
        let spec = ActionCatalog.spec(for: action)
        guard spec.accepts(kind: target.kind), let resource = TargetResource.of(kind: target.kind) else {
            return .refused(.unsupportedTarget, "\(action.rawValue) does not act on \(target.kind) (accepts \(spec.targetKinds.joined(separator: ", ")))")
        }
        let key = ObjectKey(namespace: target.namespace, name: target.name)
        let live: UnstructuredObject
        if let observed, observed.kind == target.kind, ObjectKey(observed.metadata) == key {
            live = observed
        } else {
            do throws(KubeError) {
                live = try await client.get(UnstructuredObject.self, resource, name: target.name, namespace: target.namespace)
            } catch where error.code == .notFound {
                return .refused(.targetNotFound, "\(target.kind) \(key) does not exist")
            } catch {
                return .failed(error, operation: "GET \(resource) \(key)")
            }
        }
        if let uid = target.uid, let liveUID = live.metadata.uid, uid != liveUID {
            return .refused(.targetReplaced, "\(target.kind) \(key) was re-created (uid \(liveUID), expected \(uid))")
        }
        let errors = spec.validate(parameters: parameters, limits: limits, observed: Self.observed(live))
        guard errors.isEmpty else {
            return .refused(.invalidParameters, errors.map(\.description).joined(separator: "; "))
        }
        let input = PlanningInput(
            action: action, parameters: parameters, limits: limits, actionId: actionId, resource: resource, target: live)
        if Self.stampsTarget(action), let record = AppliedRecord.find(actionId: actionId, on: live) {
            return .from(.alreadyApplied(record), input: input)
        }
        do throws(KubeError) {
            return .from(try await plan(input), input: input)
        } catch {
            return .failed(error, operation: "reading objects \(action.rawValue) depends on")
        }
    }

    /// Whether the action's plan stamps its target, so the stamp alone proves it ran. Drains
    /// resume instead (the stamp is written by the cordon, before the evictions), and evictions
    /// leave no stamp (the pod goes away).
    static func stampsTarget(_ action: ActionName) -> Bool {
        action != .drainNode && action != .deletePod
    }

    /// Live values `maxStep` limits compare against.
    static func observed(_ target: UnstructuredObject) -> [String: JSONValue] {
        var observed: [String: JSONValue] = [:]
        for key in ["replicas", "maxReplicas", "minReplicas"] {
            if let value = target["spec"]?[key] { observed[key] = value }
        }
        if observed["replicas"] == nil, target["spec"]?["template"] != nil { observed["replicas"] = 1 }
        return observed
    }

    /// Reads what the action's planner needs and runs it.
    private func plan(_ input: PlanningInput) async throws(KubeError) -> PlanDecision {
        let namespace = input.target.metadata.namespace
        switch input.action {
        case .scaleDeployment, .scaleStatefulSet:
            // From the API server's watch cache (`resourceVersion=0`), milliseconds behind etcd:
            // a quorum read would not close the race with an HPA created just after it either,
            // and it costs an etcd range read per scale (Kubernetes 1.20 serves no consistent
            // list from its cache).
            let autoscalers = try await client.listAll(
                HorizontalPodAutoscaler.self, .horizontalPodAutoscalers, namespace: namespace,
                options: ListOptions(resourceVersion: "0"))
            return ScalePlanner.plan(input, autoscalers: autoscalers.items)
        case .restartDeployment, .restartStatefulSet, .restartDaemonSet:
            return RestartPlanner.plan(input)
        case .rollbackDeployment:
            let selector = input.field(["spec", "selector"]).flatMap { try? $0.decode(as: LabelSelector.self) }
            let replicaSets = try await client.listAll(
                UnstructuredObject.self, .replicaSets, namespace: namespace,
                options: ListOptions(labelSelector: selector?.queryString))
            return RollbackPlanner.plan(input, replicaSets: replicaSets.items)
        case .increaseResources:
            return ResourcesPlanner.plan(input)
        case .deletePod:
            return PodEvictionPlanner.plan(input)
        case .updateHPA:
            return AutoscalerPlanner.plan(input)
        case .cordonNode, .uncordonNode:
            return CordonPlanner.plan(input, unschedulable: input.action == .cordonNode)
        case .drainNode:
            let pods = try await client.listAll(
                Pod.self, .pods, options: ListOptions(fieldSelector: "spec.nodeName=\(input.target.metadata.name ?? "")"))
            return DrainPlanner.plan(input, pods: pods.items)
        case .expandPVC:
            return VolumeExpansionPlanner.plan(input, storageClass: try await storageClass(of: input.target))
        case .collectDiagnostics, .notifyOnly, .escalate:
            return .refuse(Refusal(.unsupportedTarget, "\(input.action.rawValue) is read-only and has no plan"))
        }
    }

    /// The claim's StorageClass facts, or `nil` when it names none or it does not exist.
    private func storageClass(of claim: UnstructuredObject) async throws(KubeError) -> StorageClassFacts? {
        guard let name = claim["spec"]?["storageClassName"]?.stringValue, !name.isEmpty else { return nil }
        do throws(KubeError) {
            let object = try await client.get(UnstructuredObject.self, .storageClasses, name: name)
            return StorageClassFacts(name: name, allowVolumeExpansion: object["allowVolumeExpansion"]?.boolValue ?? false)
        } catch where error.code == .notFound {
            return nil
        }
    }
}
