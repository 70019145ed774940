import KubeTypes
import Testing

/// One Ballast object written down in the contract: a sample in `config/samples/` or a YAML
/// block of `docs/api.md`. These are what must decode with the models and pass the CRDs.
struct ContractObject: Sendable, CustomTestStringConvertible {
    /// Where it comes from, e.g. `docs/api.md#2` or `config/samples/safetypolicy-default.yaml`.
    let origin: String
    let kind: BallastKind
    let json: JSONValue

    var testDescription: String { origin }

    /// `metadata.name`, or the empty string.
    var name: String { json.value(at: ["metadata", "name"])?.stringValue ?? "" }

    /// An object of a kind other than the three Ballast kinds, where only Ballast objects belong.
    struct UnexpectedKind: Error, CustomStringConvertible {
        let origin: String
        let kind: String
        var description: String { "\(origin): kind '\(kind)' is not a ballast.dev kind" }
    }

    /// Every sample listed in `config/samples/` (except the kustomization).
    static func samples() throws -> [ContractObject] {
        try Repository.files(in: "config/samples", suffix: ".yaml")
            .filter { !$0.hasSuffix("kustomization.yaml") }
            .flatMap { path in try parse(try Repository.text(path), origin: path) }
    }

    /// The objects of a YAML text (one or more documents); `origin` names the source.
    static func parse(_ text: String, origin: String) throws -> [ContractObject] {
        let documents = try YAMLDocuments.parse(text, origin: origin)
        return try documents.enumerated().map { index, json in
            try ContractObject(origin: documents.count == 1 ? origin : "\(origin)#\(index + 1)", json: json)
        }
    }

    /// Every YAML block of `docs/api.md` that holds a Ballast object.
    static func documentation() throws -> [ContractObject] {
        let path = "docs/api.md"
        return try YAMLDocuments.markdownBlocks(try Repository.text(path)).enumerated().flatMap { index, block in
            try YAMLDocuments.parse(block, origin: "\(path) block \(index + 1)")
                .filter { $0["apiVersion"]?.stringValue?.hasPrefix("ballast.dev/") == true }
                .map { try ContractObject(origin: "\(path) block \(index + 1)", json: $0) }
        }
    }

    /// Samples and documentation together.
    static func all() throws -> [ContractObject] {
        try samples() + documentation()
    }

    private init(origin: String, json: JSONValue) throws {
        let kindName = json["kind"]?.stringValue ?? "<none>"
        guard let kind = BallastKind(rawValue: kindName) else {
            throw UnexpectedKind(origin: origin, kind: kindName)
        }
        self.origin = origin
        self.kind = kind
        self.json = json
    }
}
