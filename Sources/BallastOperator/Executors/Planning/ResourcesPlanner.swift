import BallastAPI
import KubeTypes

/// Plans `increase_resources`: raise one container's requests/limits, to absolute values
/// (`memoryLimit`, `memoryRequest`, `cpuLimit`, `cpuRequest`) and/or by `factor` (applied to the
/// `resource`'s request and limit, memory by default), never lowering anything and never above
/// the policy's `maxMemory` / `maxCPU`. Refuses a paused Deployment
/// (``RefusalReason/deploymentPaused``): the new template would not roll out.
///
/// A factor is relative, so it is only safe once per actionId: the executor returns the recorded
/// outcome when the target already carries this actionId, and this planner computes from the
/// live values it is given.
enum ResourcesPlanner {
    /// One resource value a parameter sets: `limits.memory`, `requests.cpu`, …
    struct Setting: Hashable {
        var section: String
        var resource: String
        /// The key in `before`/`after`, e.g. `memoryLimit` (also the absolute parameter's name).
        var key: String
    }

    static let settings = [
        Setting(section: "limits", resource: "memory", key: "memoryLimit"),
        Setting(section: "requests", resource: "memory", key: "memoryRequest"),
        Setting(section: "limits", resource: "cpu", key: "cpuLimit"),
        Setting(section: "requests", resource: "cpu", key: "cpuRequest"),
    ]

    static func plan(_ input: PlanningInput) -> PlanDecision {
        if let paused = input.pausedRefusal(before: "changing its resources (a paused Deployment rolls nothing out)") {
            return .refuse(paused)
        }
        guard let name = input.string("container") else {
            return .refuse(Refusal(.invalidParameters, "increase_resources needs a 'container' parameter"))
        }
        let containers = ContainerImages.containers(input.field(["spec", "template"]) ?? .null)
        guard let container = containers.first(where: { $0["name"]?.stringValue == name }) else {
            let known = containers.compactMap { $0["name"]?.stringValue }.joined(separator: ", ")
            return .refuse(Refusal(.containerNotFound, "\(input.targetDescription) has no container '\(name)' (containers: \(known))"))
        }
        let targets: [(Setting, current: Quantity?, new: Quantity)]
        switch desiredValues(input, container: container) {
        case .success(let values): targets = values
        case .failure(let refusal): return .refuse(refusal)
        }
        let lowered = targets.filter { target in target.current.map { target.new < $0 } ?? false }
        guard lowered.isEmpty else {
            let list = lowered.map { "\($0.0.section).\($0.0.resource) \($0.current?.text ?? "") -> \($0.new.text)" }
            return .refuse(Refusal(.limitsWouldLower, "container '\(name)' of \(input.targetDescription): would lower \(list.joined(separator: ", "))"))
        }
        if let refusal = exceeded(targets.map { ($0.0, $0.new) }, input: input) { return .refuse(refusal) }
        let effective = targets.filter { $0.current != $0.new }
        guard !effective.isEmpty else {
            return .refuse(Refusal(.nothingToDo, "container '\(name)' of \(input.targetDescription) already has these requests/limits"))
        }
        let changes = effective.map { target in
            FieldChange(
                path: "spec.template.spec.containers[\(name)].resources.\(target.0.section).\(target.0.resource)",
                from: target.current.map { .string($0.text) }, to: .string(target.new.text))
        }
        var resources: [String: JSONValue] = [:]
        for target in effective {
            var section = resources[target.0.section]?.objectValue ?? [:]
            section[target.0.resource] = .string(target.new.text)
            resources[target.0.section] = .object(section)
        }
        let body: [String: JSONValue] = [
            "spec": ["template": ["spec": ["containers": [["name": .string(name), "resources": .object(resources)]]]]],
        ]
        let patch = GuardedPatch.strategic(body, target: input.target, resource: input.resource, record: input.record(changes))
        var before: [String: JSONValue] = [:]
        var after: [String: JSONValue] = [:]
        var summary: [String] = []
        for target in effective {
            before[target.0.key] = target.current.map { JSONValue.string($0.text) } ?? .null
            after[target.0.key] = .string(target.new.text)
            summary.append("\(target.0.section).\(target.0.resource) \(target.current?.text ?? "unset") -> \(target.new.text)")
        }
        return .execute(ExecutionPlan(
            operations: [.patch(patch)], changes: changes, before: before, after: after,
            summary: summary.joined(separator: ", ") + " on container \(name)"))
    }

    /// The values to set: absolute parameters first, then the factor for the rest of its resource.
    private static func desiredValues(
        _ input: PlanningInput, container: JSONValue
    ) -> Result<[(Setting, current: Quantity?, new: Quantity)], Refusal> {
        let factor = input.number("factor")
        let factorResource = input.string("resource") ?? "memory"
        var values: [(Setting, current: Quantity?, new: Quantity)] = []
        for setting in settings {
            let current = container.value(at: ["resources", setting.section, setting.resource]).flatMap(Quantity.init(json:))
            if let absolute = input.quantity(setting.key) {
                values.append((setting, current, absolute))
            } else if let factor, setting.resource == factorResource, let current {
                values.append((setting, current, scaled(current, by: factor, resource: setting.resource)))
            }
        }
        guard !values.isEmpty else {
            let reason = factor == nil
                ? "give a factor or an absolute memoryLimit/memoryRequest/cpuLimit/cpuRequest"
                : "container has no \(factorResource) request or limit to multiply; give an absolute value"
            return .failure(Refusal(.nothingToDo, "\(input.targetDescription): \(reason)"))
        }
        return .success(values)
    }

    /// `value × factor`, rounded up: memory to whole MiB (bytes below 1 MiB), CPU to millicores.
    static func scaled(_ value: Quantity, by factor: Double, resource: String) -> Quantity {
        let milli = Double(value.milliValue) * factor
        if resource == "cpu" { return Quantity(millicores: Int64(milli.rounded(.up))) }
        let bytes = milli / 1000
        let mebibyte = 1_048_576.0
        let rounded = value.value >= Int64(mebibyte) ? (bytes / mebibyte).rounded(.up) * mebibyte : bytes.rounded(.up)
        return Quantity(bytes: Int64(rounded))
    }

    private static func exceeded(_ values: [(Setting, Quantity)], input: PlanningInput) -> Refusal? {
        for (setting, value) in values {
            let limitName = setting.resource == "memory" ? "maxMemory" : "maxCPU"
            if let bound = input.quantityLimit(limitName), value > bound {
                return Refusal(.exceedsLimit, "\(setting.section).\(setting.resource) \(value.text) exceeds the policy limit \(limitName) \(bound.text)")
            }
        }
        return nil
    }
}
