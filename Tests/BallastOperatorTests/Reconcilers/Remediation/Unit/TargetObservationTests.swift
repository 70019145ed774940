import BallastAPI
import Foundation
import KubeClient
import KubeTypes
import Testing
@testable import BallastOperator

@Suite("Remediation: target health and the decision's view of the target")
struct TargetObservationTests {
    static func object(_ kind: String, spec: JSONValue = [:], status: JSONValue = [:], labels: [String: String] = [:]) throws -> UnstructuredObject {
        try UnstructuredObject(json: [
            "apiVersion": "apps/v1", "kind": .string(kind),
            "metadata": ["name": "web", "namespace": "shop", "labels": .object(labels.mapValues(JSONValue.string))],
            "spec": spec, "status": status,
        ])
    }

    static func pod(waiting: String?, restarts: Int32 = 0) -> Pod {
        var pod = Pod(metadata: ObjectMeta(name: "web-1", namespace: "shop"))
        pod.status = PodStatus(phase: "Running", containerStatuses: [
            ContainerStatus(name: "app", ready: waiting == nil, restartCount: restarts, state: ContainerState(waiting: waiting.map { .init(reason: $0) }))
        ])
        return pod
    }

    static let ready: JSONValue = ["conditions": [["type": "Ready", "status": "True"]]]

    @Test("workloads are healthy with every desired replica ready and no crash loop", arguments: [
        (3 as Int64, 3 as Int64, nil as String?, true), (3, 2, nil, false), (3, 3, "CrashLoopBackOff", false), (3, 3, "ContainerCreating", true),
    ])
    func workloads(desired: Int64, readyReplicas: Int64, waiting: String?, healthy: Bool) throws {
        for kind in ["Deployment", "StatefulSet"] {
            let observation = TargetObservation(
                object: try Self.object(kind, spec: ["replicas": .int(desired)], status: ["readyReplicas": .int(readyReplicas)]),
                pods: [Self.pod(waiting: waiting)])
            #expect(observation.healthy == healthy, "\(kind)")
        }
    }

    @Test("nodes by their Ready condition, claims by Bound, daemon sets by ready pods")
    func otherKinds() throws {
        #expect(TargetObservation(object: try Self.object("Node", status: Self.ready)).healthy)
        #expect(!TargetObservation(object: try Self.object("Node", status: ["conditions": [["type": "Ready", "status": "False"]]])).healthy)
        #expect(TargetObservation(object: try Self.object("PersistentVolumeClaim", status: ["phase": "Bound"])).healthy)
        #expect(!TargetObservation(object: try Self.object("PersistentVolumeClaim", status: ["phase": "Pending"])).healthy)
        #expect(TargetObservation(object: try Self.object("DaemonSet", status: ["desiredNumberScheduled": 2, "numberReady": 2])).healthy)
        #expect(!TargetObservation(object: try Self.object("DaemonSet", status: ["desiredNumberScheduled": 2, "numberReady": 1])).healthy)
        #expect(!TargetObservation(object: try Self.object("Pod", status: ["phase": "Pending"])).healthy)
    }

    @Test("the summary carries replicas, containers with resources and pod states, labels and observed values")
    func summary() throws {
        let object = try Self.object(
            "Deployment",
            spec: ["replicas": 3, "template": ["spec": ["containers": [[
                "name": "app", "image": "web:v1", "resources": ["limits": ["memory": "512Mi"], "requests": ["cpu": "250m"]],
            ]]]]],
            status: ["readyReplicas": 1], labels: ["tier": "web"])
        let observation = TargetObservation(object: object, pods: [Self.pod(waiting: "CrashLoopBackOff", restarts: 4)])
        let target = TargetReference(apiVersion: "apps/v1", kind: "Deployment", namespace: "shop", name: "web", uid: "u")
        let summary = observation.summary(of: target)
        #expect(summary.replicas == 3)
        #expect(summary.readyReplicas == 1)
        let container = try #require(summary.containers.first)
        #expect(container.limits == ["memory": "512Mi"])
        #expect(container.requests == ["cpu": "250m"])
        #expect(container.restartCount == 4)
        #expect(container.waitingReason == "CrashLoopBackOff")
        #expect(observation.labels == ["tier": "web"])
        #expect(observation.observed["replicas"] == 3)
    }

    @Test("the summary keeps only the most recent events, with bounded messages")
    func boundedEvents() throws {
        let events = (0..<50).map { index in
            Event(
                metadata: ObjectMeta(name: "e\(index)", namespace: "shop"),
                involvedObject: ObjectReference(kind: "Deployment", namespace: "shop", name: "web"), reason: "R\(index)",
                message: String(repeating: "x", count: 2_000), type: "Warning", count: 1,
                lastTimestamp: Date(timeIntervalSince1970: Double(index)))
        }
        let observation = TargetObservation(object: try Self.object("Deployment"), events: events.shuffled())
        var bounds = TargetObservation.SummaryBounds()
        bounds.maxEvents = 5
        bounds.maxMessageLength = 100
        let summary = observation.summary(of: TargetReference(apiVersion: "apps/v1", kind: "Deployment", namespace: "shop", name: "web"), bounds: bounds)
        #expect(summary.events.map(\.reason) == ["R45", "R46", "R47", "R48", "R49"])
        #expect(summary.events.allSatisfy { $0.message.count == 100 })
    }
}
