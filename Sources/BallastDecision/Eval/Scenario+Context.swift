import KubeTypes

extension Scenario {
    /// The decision context the operator would build for this scenario's objects.
    public func decisionContext() -> DecisionContext {
        var labels = alert.labels
        let name = labels.removeValue(forKey: "alertname") ?? self.name
        let target = objects.target
        let containers = Self.containers(of: target, pods: objects.pods ?? [])
        var facts = objects.facts ?? [:]
        for condition in target.value(at: ["status", "conditions"])?.arrayValue ?? [] {
            if let type = condition["type"]?.stringValue, let status = condition["status"] {
                facts["condition.\(type)"] = status
            }
        }
        if let unschedulable = target.value(at: ["spec", "unschedulable"]) { facts["spec.unschedulable"] = unschedulable }
        return DecisionContext(
            alert: AlertSummary(
                name: name, severity: alert.labels["severity"], fingerprint: alert.fingerprint ?? self.name,
                labels: labels, annotations: alert.annotations ?? [:]),
            target: TargetSummary(
                apiVersion: target["apiVersion"]?.stringValue ?? "v1", kind: target["kind"]?.stringValue ?? "Unknown",
                namespace: target.value(at: ["metadata", "namespace"])?.stringValue,
                name: target.value(at: ["metadata", "name"])?.stringValue ?? "unknown",
                replicas: target.value(at: ["spec", "replicas"])?.intValue.map(Int.init),
                readyReplicas: target.value(at: ["status", "readyReplicas"])?.intValue.map(Int.init),
                containers: containers, autoscaler: objects.hpa.flatMap(Self.autoscaler), disruptionBudget: objects.pdb.flatMap(Self.budget),
                events: (objects.events ?? []).map(Self.event), logs: objects.logs ?? [:], facts: facts),
            history: history ?? HistorySummary(), allowedActions: allowedActions)
    }

    static func containers(of target: JSONValue, pods: [JSONValue]) -> [ContainerSummary] {
        let specs = target.value(at: ["spec", "template", "spec", "containers"])?.arrayValue ?? []
        let statuses = pods.flatMap { $0.value(at: ["status", "containerStatuses"])?.arrayValue ?? [] }
        return specs.map { spec in
            let name = spec["name"]?.stringValue ?? ""
            let mine = statuses.filter { $0["name"]?.stringValue == name }
            var env: [String: String] = [:]
            for variable in spec["env"]?.arrayValue ?? [] {
                if let key = variable["name"]?.stringValue { env[key] = variable["value"]?.stringValue ?? "" }
            }
            return ContainerSummary(
                name: name, image: spec["image"]?.stringValue,
                requests: strings(spec.value(at: ["resources", "requests"])), limits: strings(spec.value(at: ["resources", "limits"])),
                env: env, restartCount: mine.reduce(0) { $0 + Int($1["restartCount"]?.intValue ?? 0) },
                lastTerminationReason: mine.lazy.compactMap { $0.value(at: ["lastState", "terminated", "reason"])?.stringValue }.first,
                waitingReason: mine.lazy.compactMap { $0.value(at: ["state", "waiting", "reason"])?.stringValue }.first)
        }
    }

    static func strings(_ value: JSONValue?) -> [String: String] {
        (value?.objectValue ?? [:]).compactMapValues { $0.stringValue ?? $0.intValue.map { String($0) } }
    }

    static func autoscaler(_ hpa: JSONValue) -> AutoscalerSummary? {
        guard let name = hpa.value(at: ["metadata", "name"])?.stringValue else { return nil }
        return AutoscalerSummary(
            name: name, minReplicas: Int(hpa.value(at: ["spec", "minReplicas"])?.intValue ?? 1),
            maxReplicas: Int(hpa.value(at: ["spec", "maxReplicas"])?.intValue ?? 1),
            currentReplicas: hpa.value(at: ["status", "currentReplicas"])?.intValue.map(Int.init))
    }

    static func budget(_ pdb: JSONValue) -> DisruptionBudgetSummary? {
        guard let name = pdb.value(at: ["metadata", "name"])?.stringValue else { return nil }
        return DisruptionBudgetSummary(name: name, disruptionsAllowed: Int(pdb.value(at: ["status", "disruptionsAllowed"])?.intValue ?? 0))
    }

    static func event(_ event: JSONValue) -> EventSummary {
        let kind = event.value(at: ["involvedObject", "kind"])?.stringValue
        let name = event.value(at: ["involvedObject", "name"])?.stringValue
        return EventSummary(
            type: event["type"]?.stringValue ?? "Normal", reason: event["reason"]?.stringValue ?? "",
            message: event["message"]?.stringValue ?? "", count: Int(event["count"]?.intValue ?? 1),
            object: kind.flatMap { kind in name.map { "\(kind) \($0)" } })
    }
}
