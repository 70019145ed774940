import Foundation
import KubeTypes

/// The `type` of an Event.
public enum EventType: String, Codable, Sendable, Hashable {
    case normal = "Normal"
    case warning = "Warning"
}

extension ObjectReference {
    /// A reference to the object described by `metadata`, of `kind` in `apiVersion`.
    public init(apiVersion: String, kind: String, metadata: ObjectMeta) {
        self.init(
            apiVersion: apiVersion, kind: kind, namespace: metadata.namespace, name: metadata.name,
            uid: metadata.uid, resourceVersion: metadata.resourceVersion)
    }
}

extension Event {
    /// A new event about `involvedObject` with `count` 1 at `now`, in the object's namespace
    /// (`default` for cluster-scoped objects), named as client-go names them
    /// (`<object name>.<hex nanoseconds>`).
    public init(
        about involvedObject: ObjectReference, type: EventType, reason: String, message: String,
        source: Event.Source, now: Date
    ) {
        let nanos = UInt64(max(0, now.timeIntervalSince1970 * 1e9))
        self.init(
            metadata: ObjectMeta(
                name: "\(involvedObject.name ?? "object").\(String(nanos, radix: 16))",
                namespace: involvedObject.namespace ?? "default"),
            involvedObject: involvedObject, reason: reason, message: message, type: type.rawValue,
            count: 1, firstTimestamp: now, lastTimestamp: now, source: source,
            reportingComponent: source.component, reportingInstance: source.host)
    }
}
