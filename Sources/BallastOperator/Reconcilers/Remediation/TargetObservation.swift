import BallastAPI
import KubeClient
import KubeTypes

/// The live state of a request's target read in one reconcile: the object itself and, for
/// workloads and nodes, its pods; for decisions also recent Events and the HPA scaling it.
///
/// Everything derived from it (health, the decision summary, observed values) is pure.
public struct TargetObservation: Sendable, Hashable {
    /// The target as the API server stores it now.
    public var object: UnstructuredObject
    /// The pods the target runs (selected by its selector; bound to it for a node), bounded.
    public var pods: [Pod]
    /// Recent Events about the target and its pods, bounded.
    public var events: [Event]
    /// The HorizontalPodAutoscaler whose `scaleTargetRef` names the target, if any.
    public var autoscaler: HorizontalPodAutoscaler?

    /// Creates an observation.
    public init(object: UnstructuredObject, pods: [Pod] = [], events: [Event] = [], autoscaler: HorizontalPodAutoscaler? = nil) {
        self.object = object
        self.pods = pods
        self.events = events
        self.autoscaler = autoscaler
    }

    /// The target's labels (the policy's `targetSelector` matches them).
    public var labels: [String: String] { object.metadata.labels ?? [:] }

    /// Live values the policy's `maxStep` limits compare against (as the executor reads them).
    public var observed: [String: JSONValue] { ActionExecutor.observed(object) }

    /// Whether the target looks healthy now, by kind:
    /// - Deployment / StatefulSet / ReplicaSet: ready replicas ≥ desired (default 1) and no
    ///   container of its pods waiting in `CrashLoopBackOff`;
    /// - DaemonSet: ready ≥ desired scheduled, no crash loop;
    /// - Pod: phase `Running`, condition `Ready` true, no crash loop;
    /// - Node: condition `Ready` true; PersistentVolumeClaim: phase `Bound`;
    /// - anything else: it exists.
    public var healthy: Bool {
        let status = object["status"]
        switch object.kind ?? "" {
        case "Deployment", "StatefulSet", "ReplicaSet":
            let desired = object["spec"]?["replicas"]?.intValue ?? 1
            return (status?["readyReplicas"]?.intValue ?? 0) >= desired && !crashLooping
        case "DaemonSet":
            let desired = status?["desiredNumberScheduled"]?.intValue ?? 0
            return (status?["numberReady"]?.intValue ?? 0) >= desired && !crashLooping
        case "Pod":
            return status?["phase"]?.stringValue == "Running" && Self.conditionTrue(status, "Ready") && !crashLooping
        case "Node":
            return Self.conditionTrue(status, "Ready")
        case "PersistentVolumeClaim":
            return status?["phase"]?.stringValue == "Bound"
        default:
            return true
        }
    }

    /// Whether any container of the pods waits in `CrashLoopBackOff`.
    public var crashLooping: Bool {
        pods.contains { pod in
            (pod.status?.containerStatuses ?? []).contains { $0.state?.waiting?.reason == "CrashLoopBackOff" }
        }
    }

    /// Whether `status.conditions` has `type` with status `True`.
    static func conditionTrue(_ status: JSONValue?, _ type: String) -> Bool {
        (status?["conditions"]?.arrayValue ?? []).contains {
            $0["type"]?.stringValue == type && $0["status"]?.stringValue == "True"
        }
    }
}
