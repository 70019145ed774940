import BallastAPI
import BallastDecision
import KubeClient
import KubeTypes

extension TargetObservation {
    /// Bounds on what a decision context carries about the target, so prompts stay small.
    public struct SummaryBounds: Sendable, Hashable {
        /// Events kept (the most recent).
        public var maxEvents = 20
        /// Characters kept of each Event message.
        public var maxMessageLength = 512

        /// The defaults: 20 events of at most 512 characters.
        public init() {}
    }

    /// The decision engine's view of the target: kind, replicas, containers with their
    /// resources and the states its pods report, the HPA, the most recent Events.
    public func summary(of target: TargetReference, bounds: SummaryBounds = SummaryBounds()) -> TargetSummary {
        let spec = object["spec"]
        let template = spec?["template"]?["spec"] ?? (target.kind == "Pod" ? spec : nil)
        let containers = (template?["containers"]?.arrayValue ?? []).compactMap { container -> ContainerSummary? in
            guard let name = container["name"]?.stringValue else { return nil }
            return containerSummary(name: name, container)
        }
        let recent = events.sorted { ($0.lastTimestamp ?? .distantPast) < ($1.lastTimestamp ?? .distantPast) }.suffix(bounds.maxEvents)
        return TargetSummary(
            apiVersion: target.apiVersion, kind: target.kind, namespace: target.namespace, name: target.name,
            replicas: spec?["replicas"]?.intValue.map(Int.init),
            readyReplicas: object["status"]?["readyReplicas"]?.intValue.map(Int.init),
            containers: containers,
            autoscaler: autoscaler.flatMap { hpa in
                hpa.spec.map { AutoscalerSummary(
                    name: hpa.metadata.name ?? "", minReplicas: Int($0.minReplicas ?? 1), maxReplicas: Int($0.maxReplicas),
                    currentReplicas: hpa.status?.currentReplicas.map(Int.init)) }
            },
            events: recent.map { event in
                EventSummary(
                    type: event.type ?? "Normal", reason: event.reason ?? "", message: String((event.message ?? "").prefix(bounds.maxMessageLength)),
                    count: Int(event.count ?? 1),
                    object: [event.involvedObject.kind, event.involvedObject.name].compactMap { $0 }.joined(separator: " "))
            },
            facts: facts)
    }

    /// One container of the template, with restarts and states summed over the pods.
    private func containerSummary(name: String, _ container: JSONValue) -> ContainerSummary {
        let statuses = pods.flatMap { $0.status?.containerStatuses ?? [] }.filter { $0.name == name }
        func quantities(_ key: String) -> [String: String] {
            (container["resources"]?[key]?.objectValue ?? [:]).compactMapValues { $0.stringValue ?? $0.intValue.map(String.init) }
        }
        return ContainerSummary(
            name: name, image: container["image"]?.stringValue, requests: quantities("requests"), limits: quantities("limits"),
            restartCount: statuses.reduce(0) { $0 + Int($1.restartCount) },
            lastTerminationReason: statuses.compactMap { $0.lastState?.terminated?.reason }.first,
            waitingReason: statuses.compactMap { $0.state?.waiting?.reason }.first)
    }

    /// Kind-specific facts: node readiness and schedulability, a claim's phase and capacity.
    private var facts: [String: JSONValue] {
        let status = object["status"]
        switch object.kind ?? "" {
        case "Node":
            return [
                "node.ready": .string(Self.conditionTrue(status, "Ready") ? "True" : "False"),
                "node.unschedulable": .bool(object["spec"]?["unschedulable"]?.boolValue ?? false),
            ]
        case "PersistentVolumeClaim":
            var facts: [String: JSONValue] = ["pvc.phase": status?["phase"] ?? .null]
            if let capacity = status?["capacity"]?["storage"] { facts["pvc.capacity"] = capacity }
            return facts
        default:
            return [:]
        }
    }
}
