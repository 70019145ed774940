import ClusterTestSupport
import Foundation
import Testing
import KubeClient
import KubeTypes

/// A tiny test CRD, `widgets.test.ballast.dev`, with a validated spec and a status
/// subresource (so status writes do not bump `metadata.generation`).
struct Widget: KubernetesObject, Hashable {
    var apiVersion: String? = "test.ballast.dev/v1"
    var kind: String? = "Widget"
    var metadata: ObjectMeta
    var spec: Spec
    var status: Status?

    struct Spec: Codable, Sendable, Hashable {
        var size: Int
        var color: String?
    }

    struct Status: Codable, Sendable, Hashable {
        var phase: String?
        var observedSize: Int?
    }

    static let resource = ResourceDescriptor(
        group: "test.ballast.dev", version: "v1", plural: "widgets", kind: "Widget", namespaced: true)

    /// The CRD of a Widget-shaped resource; other groups and names make independent CRDs.
    static func definition(group: String = "test.ballast.dev", plural: String = "widgets", kind: String = "Widget") -> JSONValue {
        [
            "apiVersion": "apiextensions.k8s.io/v1", "kind": "CustomResourceDefinition",
            "metadata": ["name": .string("\(plural).\(group)")],
            "spec": [
                "group": .string(group), "scope": "Namespaced",
                "names": ["plural": .string(plural), "kind": .string(kind)],
                "versions": [[
                    "name": "v1", "served": true, "storage": true,
                    "subresources": ["status": [:]],
                    "schema": ["openAPIV3Schema": [
                        "type": "object",
                        "properties": [
                            "spec": ["type": "object", "required": ["size"], "properties": [
                                "size": ["type": "integer", "minimum": 0, "maximum": 10],
                                "color": ["type": "string"],
                            ]],
                            "status": ["type": "object", "properties": [
                                "phase": ["type": "string"], "observedSize": ["type": "integer"],
                            ]],
                        ],
                    ]],
                ]],
            ],
        ]
    }

    /// Creates the CRD of `resource` from `definition` (tolerating a concurrent test having
    /// done so) and waits until it is `Established` and actually served.
    static func install(_ definition: JSONValue = Widget.definition(), resource: ResourceDescriptor = Widget.resource, with client: KubeClient) async throws {
        let crd = try UnstructuredObject(json: definition)
        let outcome = await errorCode { _ = try await client.create(crd, .customResourceDefinitions) }
        #expect(outcome == nil || outcome == .alreadyExists, "creating \(resource)")
        try await eventually("\(resource) Established and served") { () async throws -> Bool in
            let stored = try await client.get(CustomResourceDefinition.self, .customResourceDefinitions, name: resource.description)
            let served = try await client.resourceExists(group: resource.group, version: resource.version, plural: resource.plural)
            return stored.isEstablished && served
        }
    }
}
