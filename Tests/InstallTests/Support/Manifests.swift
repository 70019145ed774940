import Yams

/// A multi-document YAML stream of Kubernetes objects, read with Yams.
struct Manifests {
    /// The non-empty documents, in order.
    let objects: [Node]

    /// Parses `yaml`; empty documents (comments only) are dropped.
    init(_ yaml: String) throws {
        objects = try Yams.compose_all(yaml: yaml).compactMap { $0 }.filter { $0.mapping?.isEmpty == false }
    }

    /// The objects of `kind`.
    func all(_ kind: String) -> [Node] { objects.filter { $0["kind"]?.string == kind } }

    /// The single object of `kind`, or a failure naming the kind and the count.
    func one(_ kind: String) throws -> Node {
        let found = all(kind)
        guard found.count == 1, let object = found.first else { throw ManifestProblem("expected one \(kind), found \(found.count)") }
        return object
    }

    /// The object of `kind` called `name`, or a failure naming both.
    func named(_ kind: String, _ name: String) throws -> Node {
        guard let object = all(kind).first(where: { $0.at("metadata", "name")?.string == name }) else {
            throw ManifestProblem("no \(kind) named \(name) among \(identities)")
        }
        return object
    }

    /// `kind/name` of every object, for readable expectations.
    var identities: [String] { objects.map { "\($0["kind"]?.string ?? "?")/\($0["metadata"]?["name"]?.string ?? "?")" } }
}

/// Something a manifest lacked.
struct ManifestProblem: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

extension Node {
    /// The value at a path of mapping keys and sequence indices.
    func at(_ path: Any...) -> Node? {
        var node: Node? = self
        for step in path {
            if let key = step as? String { node = node?[key] } else if let index = step as? Int {
                node = node?.sequence.flatMap { index < $0.count ? $0[index] : nil }
            }
        }
        return node
    }

    /// The strings of a sequence (empty when absent).
    var strings: [String] { array().compactMap(\.string) }
}
