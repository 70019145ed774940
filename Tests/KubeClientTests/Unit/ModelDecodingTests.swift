import Foundation
import KubeTypes
import Testing
@testable import KubeClient

@Suite("Core models and unstructured objects")
struct ModelDecodingTests {
    @Test func podDecodesContainerStatesAndIgnoresUnknownFields() throws {
        let json = """
        {"apiVersion":"v1","kind":"Pod","metadata":{"name":"web-0","namespace":"shop","uid":"u"},
         "spec":{"nodeName":"n1","unknownField":true,"containers":[{"name":"app","image":"web:1",
           "resources":{"limits":{"memory":"256Mi","cpu":"500m"}},"env":[{"name":"A","value":"1"},{"name":"S","valueFrom":{"secretKeyRef":{"name":"s","key":"k"}}}]}]},
         "status":{"phase":"Running","conditions":[{"type":"Ready","status":"False","lastProbeTime":null,"lastTransitionTime":"2026-11-20T10:00:00Z"}],
           "containerStatuses":[{"name":"app","ready":false,"restartCount":5,"image":"web:1","imageID":"x",
             "state":{"waiting":{"reason":"CrashLoopBackOff","message":"back-off 5m0s"}},
             "lastState":{"terminated":{"exitCode":137,"reason":"OOMKilled","startedAt":"2026-11-20T09:59:00Z","finishedAt":"2026-11-20T09:59:30.123456Z"}}}]}}
        """
        let pod = try JSONDecoder.kubernetes().decode(Pod.self, from: Data(json.utf8))
        let container = try #require(pod.spec?.containers.first)
        #expect(container.resources?.limits?["memory"] == (try Quantity(parsing: "256Mi")))
        #expect(container.env?.map(\.name) == ["A", "S"])
        let status = try #require(pod.status?.containerStatuses?.first)
        #expect(status.state?.waiting?.reason == "CrashLoopBackOff")
        #expect(status.lastState?.terminated?.exitCode == 137)
        #expect(status.lastState?.terminated?.reason == "OOMKilled")
        #expect(status.restartCount == 5)
        #expect(pod.status?.conditions?[type: "Ready"]?.isTrue == false)
    }

    @Test func deploymentDecodesIntOrStringStrategy() throws {
        let json = """
        {"metadata":{"name":"d","generation":3},"spec":{"replicas":2,"selector":{"matchLabels":{"app":"d"}},
         "strategy":{"type":"RollingUpdate","rollingUpdate":{"maxSurge":"25%","maxUnavailable":0}},
         "template":{"metadata":{"annotations":{"a":"b"}},"spec":{"containers":[{"name":"c"}]}}},
         "status":{"observedGeneration":3,"replicas":2,"readyReplicas":1,"conditions":[{"type":"Available","status":"True","lastUpdateTime":"2026-11-20T10:00:00Z"}]}}
        """
        let deployment = try JSONDecoder.kubernetes().decode(Deployment.self, from: Data(json.utf8))
        #expect(deployment.spec?.strategy?.rollingUpdate?.maxSurge == .string("25%"))
        #expect(deployment.spec?.strategy?.rollingUpdate?.maxUnavailable == .int(0))
        #expect(deployment.spec?.template?.metadata?.annotations == ["a": "b"])
        #expect(deployment.status?.readyReplicas == 1)
        #expect(deployment.status?.conditions?[type: "Available"]?.isTrue == true)
        #expect(Deployment(metadata: ObjectMeta()).kind == "Deployment")
        #expect(StatefulSetKind.resource == .statefulSets)
    }

    @Test func microTimeAlwaysWritesMicroseconds() throws {
        let lease = Lease(metadata: ObjectMeta(name: "l"), spec: .init(
            holderIdentity: "a", leaseDurationSeconds: 15,
            renewTime: MicroTime(Date(timeIntervalSince1970: 1_790_000_000))))
        let json = try JSONValue(encoding: lease)
        #expect(json.value(at: ["spec", "renewTime"]) == "2026-09-21T14:13:20.000000Z")
        let decoded = try json.decode(as: Lease.self)
        #expect(decoded.spec?.renewTime == lease.spec?.renewTime)
    }

    @Test func unstructuredObjectRoundTripsEveryField() throws {
        let json: JSONValue = [
            "apiVersion": "test.ballast.dev/v1", "kind": "Widget",
            "metadata": ["name": "w", "namespace": "n", "labels": ["a": "b"]],
            "spec": ["size": 3, "nested": ["list": [1, 2.5, "x", nil, true]]],
            "status": ["phase": "Ready"],
        ]
        let object = try UnstructuredObject(json: json)
        #expect(object.metadata.name == "w")
        #expect(object.kind == "Widget")
        #expect(object.apiVersion == "test.ballast.dev/v1")
        #expect(object["spec"]?["size"] == 3)
        #expect(try object.json() == json)
        var renamed = object
        renamed.metadata.labels = ["c": "d"]
        #expect(try renamed.json().value(at: ["metadata", "labels"]) == ["c": "d"])
        #expect(try renamed.json()["spec"] == json["spec"])
    }

    @Test func anUnstructuredObjectKeepsEveryFieldButSkipsManagedFields() throws {
        let text = #"""
            {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web","namespace":"shop",
             "creationTimestamp":"2026-11-20T08:00:00Z","labels":{"app":"web"},
             "managedFields":[{"manager":"kubectl","operation":"Update","fieldsV1":{"f:spec":{"f:replicas":{}}}}]},
             "spec":{"replicas":3,"paused":false,"ratio":0.5,"tags":["a",1,null],"empty":{}},"status":null}
            """#
        let object = try JSONDecoder.kubernetes().decode(UnstructuredObject.self, from: Data(text.utf8))
        #expect(object.metadata.name == "web" && object.metadata.namespace == "shop" && object.metadata.labels == ["app": "web"])
        #expect(object.metadata.creationTimestamp == KubeTime.parse("2026-11-20T08:00:00Z"))
        #expect(object.metadata.managedFields == nil, "never read, so never built")
        #expect(object["spec"] == ["replicas": 3, "paused": false, "ratio": 0.5, "tags": ["a", 1, nil], "empty": [:]])
        #expect(object["status"] == .null)
        #expect(object.kind == "Deployment" && object.content.count == 4)
        let bare = try JSONDecoder.kubernetes().decode(UnstructuredObject.self, from: Data(#"{"kind":"X","metadata":null}"#.utf8))
        #expect(bare.metadata == ObjectMeta() && bare.kind == "X")
        #expect(throws: DecodingError.self) { try JSONDecoder.kubernetes().decode(UnstructuredObject.self, from: Data("[1]".utf8)) }
        #expect(throws: DecodingError.self) {
            try JSONDecoder.kubernetes().decode(UnstructuredObject.self, from: Data(#"{"metadata":{"name":7}}"#.utf8))
        }
    }

    @Test func crdEstablishedFromConditions() throws {
        var crd = CustomResourceDefinition(metadata: ObjectMeta(name: "widgets.test.ballast.dev"))
        #expect(!crd.isEstablished)
        var status = CustomResourceDefinitionStatus()
        status.conditions = [ResourceCondition(type: "Established", status: "True")]
        crd.status = status
        #expect(crd.isEstablished)
    }
}
