import KubeClient
import KubeTypes

/// One API call an ``ExecutionPlan`` makes, exactly as it will be sent.
public enum PlannedOperation: Sendable, Hashable, CustomStringConvertible {
    /// A patch of one object (guarded by its resourceVersion when it is the target).
    case patch(PatchRequest)
    /// An eviction through the `pods/eviction` subresource (honours PodDisruptionBudgets).
    case evict(EvictionRequest)

    /// `PATCH deployments.apps shop/web (merge)` or `EVICT pods shop/web-1`.
    public var description: String {
        switch self {
        case .patch(let request): return "PATCH \(request.resource) \(request.key) (\(request.patch.strategyName))"
        case .evict(let request): return "EVICT pods \(request.key)"
        }
    }
}

/// A patch of one named object.
public struct PatchRequest: Sendable, Hashable {
    /// The object's resource.
    public var resource: ResourceDescriptor
    /// The object's namespace (`nil` for cluster-scoped objects).
    public var namespace: String?
    /// The object's name.
    public var name: String
    /// The patch body and strategy.
    public var patch: Patch

    /// Creates a patch request.
    public init(resource: ResourceDescriptor, namespace: String?, name: String, patch: Patch) {
        self.resource = resource
        self.namespace = namespace
        self.name = name
        self.patch = patch
    }

    /// `namespace/name` or `name`.
    public var key: ObjectKey { ObjectKey(namespace: namespace, name: name) }
}

/// An eviction of one pod, bound to the pod's uid so a re-created pod of the same name is not hit.
public struct EvictionRequest: Sendable, Hashable {
    /// The pod's namespace.
    public var namespace: String
    /// The pod's name.
    public var name: String
    /// The uid the pod had when planned (a delete precondition).
    public var uid: String?
    /// The grace period of the resulting delete; the pod's own when `nil`.
    public var gracePeriodSeconds: Int64?

    /// Creates an eviction request.
    public init(namespace: String, name: String, uid: String?, gracePeriodSeconds: Int64?) {
        self.namespace = namespace
        self.name = name
        self.uid = uid
        self.gracePeriodSeconds = gracePeriodSeconds
    }

    /// `namespace/name`.
    public var key: ObjectKey { ObjectKey(namespace: namespace, name: name) }
}

extension Patch {
    /// `merge`, `json`, `strategic` or `apply`, for logs and operation descriptions.
    var strategyName: String {
        switch self {
        case .merge: return "merge"
        case .json: return "json"
        case .strategicMerge: return "strategic"
        case .apply: return "apply"
        }
    }
}
