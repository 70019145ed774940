import KubeTypes

/// A CRD file of `crds/` read as JSON, with walks over its OpenAPI v3 schema.
///
/// Paths name fields the way people read them: `spec.actions[].limits.maxCPU` (`[]` marks
/// "every item of the list").
struct CRDSchema: Sendable {
    let kind: BallastKind
    /// The whole CustomResourceDefinition.
    let crd: JSONValue

    /// Loads `kind`'s CRD from `crds/`.
    static func load(_ kind: BallastKind) throws -> CRDSchema {
        let documents = try YAMLDocuments.parse(try Repository.text(kind.crdPath), origin: kind.crdPath)
        return CRDSchema(kind: kind, crd: documents.first ?? .null)
    }

    /// The only served version (`spec.versions[0]`).
    var version: JSONValue { crd.value(at: ["spec", "versions"])?.arrayValue?.first ?? .null }

    /// The `openAPIV3Schema` of the version.
    var root: JSONValue { version.value(at: ["schema", "openAPIV3Schema"]) ?? .null }

    /// One schema node and its path.
    struct Node {
        let path: String
        let schema: JSONValue
    }

    /// Every node below `spec` and `status`, parents before children.
    var nodes: [Node] {
        ["spec", "status"].flatMap { top in
            root.value(at: ["properties", top]).map { Self.walk($0, path: top) } ?? []
        }
    }

    /// Paths of the nodes that have no declared children: scalars, free-form objects and maps.
    var leafPaths: Set<String> {
        Set(nodes.filter { node in
            node.schema["properties"] == nil && node.schema["items"] == nil
        }.map(\.path))
    }

    /// Every `enum` in the schema, by path, with its values in order.
    var enums: [String: [String]] {
        Dictionary(uniqueKeysWithValues: nodes.compactMap { node in
            node.schema["enum"]?.arrayValue.map { (node.path, $0.compactMap(\.stringValue)) }
        })
    }

    private static func walk(_ schema: JSONValue, path: String) -> [Node] {
        var result = [Node(path: path, schema: schema)]
        for (name, child) in (schema["properties"]?.objectValue ?? [:]).sorted(by: { $0.key < $1.key }) {
            result += walk(child, path: "\(path).\(name)")
        }
        if let items = schema["items"] {
            result += walk(items, path: "\(path)[]")
        }
        return result
    }
}

extension JSONValue {
    /// The paths (in ``CRDSchema`` notation) of every leaf value in this object below `spec` and
    /// `status`, including the parents of leaves, so it can be compared with a schema's paths.
    var fieldPaths: Set<String> {
        var paths: Set<String> = []
        func visit(_ value: JSONValue, _ path: String) {
            paths.insert(path)
            switch value {
            case .object(let members):
                for (key, member) in members { visit(member, "\(path).\(key)") }
            case .array(let elements):
                for element in elements { visit(element, "\(path)[]") }
            default:
                break
            }
        }
        for top in ["spec", "status"] {
            if let value = self[top] { visit(value, top) }
        }
        return paths
    }
}
