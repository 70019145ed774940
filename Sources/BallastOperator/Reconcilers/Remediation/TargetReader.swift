import BallastAPI
import KubeClient
import KubeTypes

/// Live reads of a request's target: resolving a candidate (walking a pod's owner chain),
/// observing it for decisions, policy and verification, and checking whether an actionId's
/// effect reached it. Reads only; every method is safe to repeat.
public struct TargetReader: Sendable {
    /// The client every read goes through.
    public var client: KubeClient
    /// At most this many pods are read per target.
    public var maxPods: Int
    /// At most this many Events are read per target.
    public var maxEvents: Int

    /// Creates a reader.
    public init(client: KubeClient, maxPods: Int = 100, maxEvents: Int = 100) {
        self.client = client
        self.maxPods = maxPods
        self.maxEvents = maxEvents
    }

    /// How much of the target's surroundings to read.
    public enum Depth: Sendable, Hashable {
        /// The object only (policy checks).
        case object
        /// The object and its pods (health).
        case pods
        /// The object, its pods, recent Events and its HPA (decisions).
        case full
    }

    /// What looking a candidate up found: the lookup the lifecycle observes and, when found,
    /// the object as read (so the same reconcile need not read it again).
    public struct Resolution: Sendable {
        /// Found (with the reference) or missing (with the reason).
        public var lookup: TargetLookup
        /// The found object.
        public var object: UnstructuredObject?
    }

    /// Looks the candidate up: the object itself, or for a pod the top of its controller owner
    /// chain (Pod → ReplicaSet → Deployment; StatefulSet; DaemonSet), the pod itself when its
    /// controller is of another kind.
    /// - Throws: ``KubeError`` other than `.notFound` (a missing object is `.missing`).
    public func lookup(_ candidate: TargetCandidate) async throws(KubeError) -> Resolution {
        func missing(_ reason: String) -> Resolution { Resolution(lookup: .missing(reason), object: nil) }
        switch candidate {
        case .object(let reference):
            guard TargetResource.of(kind: reference.kind) != nil else {
                return missing("\(Self.describe(reference)): kind \(reference.kind) is none Ballast acts on "
                    + "(\(TargetResource.byKind.keys.sorted().joined(separator: ", ")))")
            }
            guard let object = try await read(reference) else { return missing(Self.describe(reference) + " does not exist") }
            return Resolution(lookup: .found(Self.reference(to: object, as: reference)), object: object)
        case .ownerOfPod(let namespace, let name):
            var current = TargetReference(apiVersion: "v1", kind: "Pod", namespace: namespace, name: name)
            guard var object = try await read(current) else { return missing("pod \(namespace)/\(name) does not exist") }
            for _ in 0..<Self.maxOwnerDepth {
                guard let owner = object.metadata.controllerReference, Self.ownerKinds.contains(owner.kind) else { break }
                let next = TargetReference(apiVersion: owner.apiVersion, kind: owner.kind, namespace: namespace, name: owner.name)
                guard let parent = try await read(next) else {
                    return missing("\(Self.describe(next)), the controller of \(Self.describe(current)), does not exist")
                }
                current = next
                object = parent
            }
            return Resolution(lookup: .found(Self.reference(to: object, as: current)), object: object)
        }
    }

    /// Controller kinds followed up a pod's owner chain.
    static let ownerKinds: Set<String> = ["ReplicaSet", "Deployment", "StatefulSet", "DaemonSet"]
    /// Owner references followed at most (Pod → ReplicaSet → Deployment needs two).
    static let maxOwnerDepth = 4

    /// The target now, with as much around it as `depth` asks; `nil` when it does not exist.
    /// - Throws: ``KubeError`` other than `.notFound`.
    public func observe(_ target: TargetReference, depth: Depth) async throws(KubeError) -> TargetObservation? {
        guard let object = try await read(target) else { return nil }
        var observation = TargetObservation(object: object)
        guard depth != .object else { return observation }
        observation.pods = try await pods(of: object, target: target)
        guard depth == .full else { return observation }
        let events = try await client.list(
            Event.self, .events, namespace: target.namespace, options: ListOptions(limit: maxEvents * 5)).items
        let podNames = Set(observation.pods.compactMap(\.metadata.name))
        observation.events = events.filter { event in
            let involved = event.involvedObject
            return (involved.kind == target.kind && involved.name == target.name)
                || (involved.kind == "Pod" && podNames.contains(involved.name ?? ""))
        }.suffix(maxEvents).map { $0 }
        if let namespace = target.namespace, ["Deployment", "StatefulSet", "ReplicaSet"].contains(target.kind) {
            let autoscalers = try await client.list(
                HorizontalPodAutoscaler.self, .horizontalPodAutoscalers, namespace: namespace,
                options: ListOptions(resourceVersion: "0")).items
            observation.autoscaler = autoscalers.first { $0.spec?.scaleTargetRef.kind == target.kind && $0.spec?.scaleTargetRef.name == target.name }
        }
        return observation
    }

    /// Whether the target shows `actionId`'s effect: the `ballast.dev/last-action-id` stamp
    /// every mutation writes with its change; for `delete_pod` (an eviction leaves no stamp),
    /// the pod being gone, terminating or replaced; for `drain_node` (the stamp is written by
    /// the cordon, before the evictions), the stamp and no pod left on the node that the drain
    /// would still evict (see ``drainCheck(stamped:pods:)``). Read-only actions never show.
    /// - Throws: ``KubeError`` other than `.notFound`.
    public func appliedCheck(actionId: String, action: ActionName?, target: TargetReference) async throws(KubeError) -> AppliedCheck {
        let object = try await read(target)
        let key = Self.describe(target)
        if action == .deletePod {
            guard let object, object.metadata.deletionTimestamp == nil, target.uid == nil || object.metadata.uid == target.uid else {
                return .applied("\(key) is gone, terminating or replaced")
            }
            return .notApplied
        }
        guard let object, let record = AppliedRecord.find(actionId: actionId, on: object) else { return .notApplied }
        let changes = record.changes.map(\.path).joined(separator: ", ")
        let stamped = "\(key) carries \(AppliedRecord.actionIdKey)=\(actionId)" + (changes.isEmpty ? "" : " (changed \(changes))")
        if action == .drainNode {
            let pods = try await client.listAll(
                Pod.self, .pods, options: ListOptions(fieldSelector: "spec.nodeName=\(target.name)"))
            return Self.drainCheck(stamped: stamped, pods: pods.items)
        }
        return .applied(stamped)
    }

    /// Whether a drain whose cordon carries the stamp (`stamped` says so) finished: applied when
    /// no pod on the node is one the drain evicts (``DrainPlanner/skipReason(_:)`` is `nil`:
    /// not a DaemonSet or mirror pod, not terminating); otherwise partially applied, naming the
    /// pods still there, so it is recorded as interrupted (not done, not untouched) and a new
    /// attempt finishes it.
    /// - Parameter pods: The pods bound to the node now.
    static func drainCheck(stamped: String, pods: [Pod]) -> AppliedCheck {
        let left = pods.filter { DrainPlanner.skipReason($0) == nil }.map { ObjectKey($0.metadata).description }.sorted()
        guard left.isEmpty else {
            let shown = left.prefix(Self.podsNamed).joined(separator: ", ") + (left.count > Self.podsNamed ? ", …" : "")
            return .partiallyApplied("\(stamped); \(left.count) pod(s) still to evict: \(shown)")
        }
        return .applied("\(stamped); no pod left to evict")
    }

    /// Pods named at most in a partial drain's message.
    static let podsNamed = 10

    /// GET of `target`; `nil` on 404 and for kinds no descriptor is known for.
    func read(_ target: TargetReference) async throws(KubeError) -> UnstructuredObject? {
        guard let resource = TargetResource.of(kind: target.kind) else { return nil }
        do throws(KubeError) {
            return try await client.get(UnstructuredObject.self, resource, name: target.name, namespace: target.namespace)
        } catch where error.code == .notFound {
            return nil
        }
    }

    /// The pods of a workload (by its selector) or of a node (bound to it), or the pod itself.
    private func pods(of object: UnstructuredObject, target: TargetReference) async throws(KubeError) -> [Pod] {
        switch target.kind {
        case "Pod":
            return (try? object.json().decode(as: Pod.self)).map { [$0] } ?? []
        case "Node":
            return try await client.list(
                Pod.self, .pods, options: ListOptions(fieldSelector: "spec.nodeName=\(target.name)", limit: maxPods)).items
        default:
            guard let selector = object["spec"]?["selector"].flatMap({ try? $0.decode(as: LabelSelector.self) }), !selector.isEmpty else {
                return []
            }
            return try await client.list(
                Pod.self, .pods, namespace: target.namespace,
                options: ListOptions(labelSelector: selector.queryString, limit: maxPods)).items
        }
    }

    /// The reference of a found object: the candidate's apiVersion and kind, the object's
    /// namespace, name and uid.
    static func reference(to object: UnstructuredObject, as candidate: TargetReference) -> TargetReference {
        TargetReference(
            apiVersion: candidate.apiVersion, kind: candidate.kind, namespace: object.metadata.namespace,
            name: object.metadata.name ?? candidate.name, uid: object.metadata.uid)
    }

    /// `Deployment shop/web`, `Node worker-1`.
    static func describe(_ target: TargetReference) -> String {
        "\(target.kind) " + (target.namespace.map { "\($0)/" } ?? "") + target.name
    }
}
