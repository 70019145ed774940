import BallastDecision
import KubeTypes

/// A small catalog for tests: required parameters by type, and `maxReplicas` enforced.
struct FakeCatalog: DecisionCatalog {
    struct Parameter {
        var name: String
        var type: String
        var required: Bool
    }

    static let table: [(String, [Parameter])] = [
        ("scale_deployment", [Parameter(name: "replicas", type: "integer", required: true)]),
        ("increase_resources", [
            Parameter(name: "container", type: "string", required: true),
            Parameter(name: "memoryLimit", type: "string", required: false),
        ]),
        ("restart_deployment", []),
        ("rollback_deployment", []),
        ("drain_node", []),
        ("delete_pod", [Parameter(name: "pod", type: "string", required: true)]),
        ("collect_diagnostics", []),
        ("notify_only", []),
        ("escalate", []),
    ]

    var actions: [ActionSpecification] {
        Self.table.map { name, parameters in
            var properties: [String: JSONValue] = [:]
            for parameter in parameters { properties[parameter.name] = ["type": .string(parameter.type)] }
            return ActionSpecification(
                name: name, summary: "does \(name)",
                parameterSchema: ["type": "object", "properties": .object(properties), "additionalProperties": false])
        }
    }

    func validate(action: ActionSpecification, parameters: [String: JSONValue], limits: [String: JSONValue], target: TargetSummary) -> [String] {
        let declared = Self.table.first { $0.0 == action.name }?.1 ?? []
        var problems: [String] = []
        for parameter in declared where parameter.required && parameters[parameter.name] == nil {
            problems.append("parameters.\(parameter.name): required")
        }
        for (key, value) in parameters.sorted(by: { $0.key < $1.key }) {
            guard let parameter = declared.first(where: { $0.name == key }) else {
                problems.append("parameters.\(key): unknown parameter")
                continue
            }
            if parameter.type == "integer", value.intValue == nil { problems.append("parameters.\(key): must be an integer") }
            if parameter.type == "string", value.stringValue == nil { problems.append("parameters.\(key): must be a string") }
        }
        if let replicas = parameters["replicas"]?.intValue, let maximum = limits["maxReplicas"]?.intValue, replicas > maximum {
            problems.append("parameters.replicas: \(replicas) exceeds maxReplicas \(maximum)")
        }
        if let replicas = parameters["replicas"]?.intValue, replicas < 0 {
            problems.append("parameters.replicas: must not be negative")
        }
        return problems
    }
}

/// Rules that always answer the same verdict (or escalate when told to).
struct FakeRules: RulesDecider {
    var verdict = RulesVerdict(action: "restart_deployment", confidence: 0.55, reasoning: "rule: restart on crash loop")

    func decide(_ context: DecisionContext) -> RulesVerdict { verdict }
}

enum Fixtures {
    static func context(
        annotations: [String: String] = ["summary": "container app was OOMKilled 3 times"],
        allowed: [AllowedAction] = [
            AllowedAction(name: "scale_deployment", limits: ["maxReplicas": 10]),
            AllowedAction(name: "increase_resources"), AllowedAction(name: "restart_deployment"),
            AllowedAction(name: "escalate"),
        ],
        history: HistorySummary = HistorySummary(), fingerprint: String = "7f3a9c"
    ) -> DecisionContext {
        DecisionContext(
            alert: AlertSummary(
                name: "KubePodOOMKilled", severity: "warning", fingerprint: fingerprint,
                labels: ["namespace": "shop", "deployment": "web", "container": "app"], annotations: annotations),
            target: TargetSummary(
                apiVersion: "apps/v1", kind: "Deployment", namespace: "shop", name: "web", replicas: 3, readyReplicas: 2,
                containers: [
                    ContainerSummary(
                        name: "app", image: "shop/web:1.4", requests: ["memory": "256Mi"], limits: ["memory": "512Mi"],
                        env: ["DATABASE_PASSWORD": "hunter2-very-secret", "LOG_LEVEL": "debug"], restartCount: 3,
                        lastTerminationReason: "OOMKilled"),
                ],
                events: [EventSummary(reason: "BackOff", message: "Back-off restarting failed container app", count: 5)]),
            history: history, allowedActions: allowed)
    }

    static let goodAnswer = #"{"action":"increase_resources","parameters":{"container":"app","memoryLimit":"768Mi"},"confidence":0.86,"reasoning":"OOMKilled at the 512Mi limit","alternatives":[{"action":"restart_deployment","confidence":0.3}]}"#
}
