import BallastAPI
import KubeTypes

/// Reads container images out of a pod template, for rollback change records.
enum ContainerImages {
    /// `{container name: image}` of `template`'s containers.
    static func of(_ template: JSONValue) -> JSONValue {
        var images: [String: JSONValue] = [:]
        for container in containers(template) {
            if let name = container["name"]?.stringValue { images[name] = container["image"] ?? .null }
        }
        return .object(images)
    }

    /// One change per container whose image differs between `old` and `new` (added and removed
    /// containers included), sorted by container name.
    static func changes(from old: JSONValue, to new: JSONValue) -> [FieldChange] {
        let before = of(old).objectValue ?? [:]
        let after = of(new).objectValue ?? [:]
        return Set(before.keys).union(after.keys).sorted().compactMap { name in
            guard before[name] != after[name] else { return nil }
            return FieldChange(path: "spec.template.spec.containers[\(name)].image", from: before[name], to: after[name])
        }
    }

    /// The `spec.containers` of a pod template.
    static func containers(_ template: JSONValue) -> [JSONValue] {
        template.value(at: ["spec", "containers"])?.arrayValue ?? []
    }
}
