import Foundation
import Testing

@testable import KubeTypes

@Suite struct ObjectMetaDecodingTests {
    private let json = """
        {"name":"web","namespace":"shop","uid":"u-1","resourceVersion":"42","generation":3,
         "creationTimestamp":"2026-11-20T10:00:00Z","labels":{"app":"web"},
         "annotations":{"a":"b"},"finalizers":["ballast.dev/cleanup"],
         "ownerReferences":[{"apiVersion":"apps/v1","kind":"ReplicaSet","name":"web-1","uid":"rs-1","controller":true}],
         "managedFields":[{"manager":"kubectl","operation":"Update","fieldsV1":{"f:metadata":{"f:labels":{".":{},"f:app":{}}}}}]}
        """

    @Test func decodesEveryFieldButManagedFields() throws {
        let meta = try JSONDecoder.kubernetes().decode(ObjectMeta.self, from: Data(json.utf8))
        #expect(meta.name == "web")
        #expect(meta.namespace == "shop")
        #expect(meta.uid == "u-1")
        #expect(meta.resourceVersion == "42")
        #expect(meta.generation == 3)
        #expect(meta.creationTimestamp == KubeTime.parse("2026-11-20T10:00:00Z"))
        #expect(meta.labels == ["app": "web"])
        #expect(meta.annotations == ["a": "b"])
        #expect(meta.finalizers == ["ballast.dev/cleanup"])
        #expect(meta.controllerReference?.name == "web-1")
        #expect(meta.managedFields == nil)
    }

    @Test func omitsManagedFieldsWhenWrittenBack() throws {
        let meta = try JSONDecoder.kubernetes().decode(ObjectMeta.self, from: Data(json.utf8))
        let written = try JSONValue(encoding: meta)
        #expect(written["managedFields"] == nil)
        #expect(written["name"] == "web")
    }

    @Test func stillEncodesManagedFieldsSetByHand() throws {
        var meta = ObjectMeta(name: "x")
        meta.managedFields = [["manager": "ballast"]]
        let written = try JSONValue(encoding: meta)
        #expect(written["managedFields"]?.arrayValue?.count == 1)
    }

    @Test func rejectsAWrongType() {
        let bad = #"{"name":"x","generation":"three"}"#
        #expect(throws: DecodingError.self) {
            try JSONDecoder.kubernetes().decode(ObjectMeta.self, from: Data(bad.utf8))
        }
    }
}
