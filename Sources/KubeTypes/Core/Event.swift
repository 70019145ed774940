import Foundation

/// `core/v1.Event`: what controllers and kubelets report about objects.
///
/// Complete enough to be created by an event recorder (every field a `core/v1` Event needs)
/// and to be read as context about a target.
public struct Event: KubernetesObject, Hashable {
    public var apiVersion: String?
    public var kind: String?
    public var metadata: ObjectMeta
    public var involvedObject: ObjectReference
    public var reason: String?
    public var message: String?
    /// `Normal` or `Warning`.
    public var type: String?
    public var count: Int32?
    public var firstTimestamp: Date?
    public var lastTimestamp: Date?
    public var eventTime: MicroTime?
    public var source: Source?
    public var reportingComponent: String?
    public var reportingInstance: String?
    public var action: String?

    /// Creates an event.
    public init(
        metadata: ObjectMeta, involvedObject: ObjectReference, reason: String? = nil,
        message: String? = nil, type: String? = nil, count: Int32? = nil,
        firstTimestamp: Date? = nil, lastTimestamp: Date? = nil, eventTime: MicroTime? = nil,
        source: Source? = nil, reportingComponent: String? = nil, reportingInstance: String? = nil,
        action: String? = nil
    ) {
        self.apiVersion = "v1"
        self.kind = "Event"
        self.metadata = metadata
        self.involvedObject = involvedObject
        self.reason = reason
        self.message = message
        self.type = type
        self.count = count
        self.firstTimestamp = firstTimestamp
        self.lastTimestamp = lastTimestamp
        self.eventTime = eventTime
        self.source = source
        self.reportingComponent = reportingComponent
        self.reportingInstance = reportingInstance
        self.action = action
    }

    /// `EventSource`: the component (and host) that reported the event.
    public struct Source: Codable, Sendable, Hashable {
        public var component: String?
        public var host: String?

        /// Creates a source.
        public init(component: String? = nil, host: String? = nil) {
            self.component = component
            self.host = host
        }
    }
}

/// `core/v1.ObjectReference`: a reference to any object (Events' `involvedObject`).
public struct ObjectReference: Codable, Sendable, Hashable {
    public var apiVersion: String?
    public var kind: String?
    public var namespace: String?
    public var name: String?
    public var uid: String?
    public var resourceVersion: String?
    public var fieldPath: String?

    /// Creates a reference.
    public init(apiVersion: String? = nil, kind: String? = nil, namespace: String? = nil, name: String? = nil,
                uid: String? = nil, resourceVersion: String? = nil, fieldPath: String? = nil) {
        self.apiVersion = apiVersion
        self.kind = kind
        self.namespace = namespace
        self.name = name
        self.uid = uid
        self.resourceVersion = resourceVersion
        self.fieldPath = fieldPath
    }
}
