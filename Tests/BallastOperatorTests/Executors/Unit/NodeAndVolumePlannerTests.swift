import Foundation
import BallastAPI
import KubeClient
import KubeTypes
import Testing

@testable import BallastOperator

extension PlannerFixture {
    static func node(unschedulable: Bool? = nil, annotations: JSONValue? = nil) -> UnstructuredObject {
        var metadata: [String: JSONValue] = ["name": "n1", "uid": "node-uid", "resourceVersion": "7"]
        if let annotations { metadata["annotations"] = annotations }
        var spec: [String: JSONValue] = [:]
        if let unschedulable { spec["unschedulable"] = .bool(unschedulable) }
        return PlannerFixture.object(["apiVersion": "v1", "kind": "Node", "metadata": .object(metadata), "spec": .object(spec)])
    }

    static func pod(
        _ name: String, namespace: String = "shop", owner: String? = "ReplicaSet", mirror: Bool = false, terminating: Bool = false,
        emptyDir: Bool = false, phase: String? = nil
    ) -> Pod {
        var metadata = ObjectMeta(name: name, namespace: namespace, uid: "uid-\(name)")
        if let owner {
            metadata.ownerReferences = [OwnerReference(apiVersion: "apps/v1", kind: owner, name: "owner", uid: "owner-uid", controller: true)]
        }
        if mirror { metadata.annotations = [DrainPlanner.mirrorAnnotation: "hash"] }
        if terminating { metadata.deletionTimestamp = Date(timeIntervalSince1970: 1_000) }
        let volumes = [Volume(name: "config", emptyDir: nil)] + (emptyDir ? [Volume(name: "scratch", emptyDir: [:])] : [])
        return Pod(metadata: metadata, spec: PodSpec(containers: [], volumes: volumes), status: phase.map { PodStatus(phase: $0) })
    }
}

@Suite struct CordonPlannerTests {
    @Test(arguments: [(Bool?.none, true, JSONValue.bool(true)), (true, false, .null)])
    func flipsUnschedulable(current: Bool?, cordon: Bool, patched: JSONValue) throws {
        let decision = CordonPlanner.plan(
            PlannerFixture.input(cordon ? .cordonNode : .uncordonNode, PlannerFixture.node(unschedulable: current), resource: .nodes), unschedulable: cordon)
        let body = try #require(decision.firstPatchBody)
        #expect(body.value(at: ["spec", "unschedulable"]) == patched)
        #expect(body.value(at: ["metadata", "resourceVersion"]) == "7")
        #expect(try #require(decision.plan).changes == [FieldChange(path: "spec.unschedulable", from: .bool(current ?? false), to: .bool(cordon))])
    }

    @Test(arguments: [(true, true), (false, false)])
    func refusesTheCurrentState(current: Bool, cordon: Bool) {
        let decision = CordonPlanner.plan(PlannerFixture.input(.cordonNode, PlannerFixture.node(unschedulable: current), resource: .nodes), unschedulable: cordon)
        #expect(decision.refusalReason == .nothingToDo)
    }
}

@Suite struct DrainPlannerTests {
    let pods = [
        PlannerFixture.pod("web-1"), PlannerFixture.pod("ds-1", owner: "DaemonSet"), PlannerFixture.pod("static-1", owner: nil, mirror: true),
        PlannerFixture.pod("old-1", terminating: true), PlannerFixture.pod("job-1", namespace: "batch", owner: "Job"), PlannerFixture.pod("bare-1", owner: nil),
    ]
    static let allowed: [String: JSONValue] = ["force": true, "deleteEmptyDirData": true]

    @Test func cordonsThenEvictsAllButDaemonSetMirrorAndTerminatingPods() throws {
        let decision = DrainPlanner.plan(
            PlannerFixture.input(.drainNode, PlannerFixture.node(), resource: .nodes, parameters: ["gracePeriodSeconds": 0, "force": true]), pods: pods)
        let plan = try #require(decision.plan)
        guard case .patch(let cordon) = plan.operations.first else { Issue.record("cordon first"); return }
        #expect(cordon.resource == .nodes)
        let evicted = plan.operations.compactMap { operation -> String? in
            guard case .evict(let request) = operation else { return nil }
            #expect(request.gracePeriodSeconds == 0 && request.uid == "uid-\(request.name)")
            return request.key.description
        }
        #expect(evicted == ["batch/job-1", "shop/bare-1", "shop/web-1"])
        #expect(plan.before["skippedPods"] == ["shop/ds-1 (DaemonSet pod)", "shop/old-1 (already terminating)", "shop/static-1 (mirror pod)"])
    }

    @Test func anAlreadyCordonedNodeOnlyEvicts() throws {
        let plan = try #require(DrainPlanner.plan(
            PlannerFixture.input(.drainNode, PlannerFixture.node(unschedulable: true), resource: .nodes, parameters: Self.allowed), pods: pods).plan)
        #expect(plan.operations.allSatisfy { if case .evict = $0 { true } else { false } })
        #expect(plan.operations.count == 3)
    }

    @Test func refusesMoreThanMaxPodsBeforeCordoning() {
        let decision = DrainPlanner.plan(
            PlannerFixture.input(.drainNode, PlannerFixture.node(), resource: .nodes, parameters: Self.allowed, limits: ["maxPods": 2]), pods: pods)
        #expect(decision.refusalReason == .tooManyPods)
    }

    /// Every kind of pod kubectl treats differently, one of each.
    static let mixed = [
        PlannerFixture.pod("web-1"), PlannerFixture.pod("bare-1", owner: nil), PlannerFixture.pod("cache-1", emptyDir: true),
        PlannerFixture.pod("scratch-1", owner: nil, emptyDir: true),
        PlannerFixture.pod("done-1", owner: nil, emptyDir: true, phase: "Succeeded"), PlannerFixture.pod("crashed-1", owner: nil, phase: "Failed"),
        PlannerFixture.pod("ds-1", owner: "DaemonSet", emptyDir: true), PlannerFixture.pod("static-1", owner: nil, mirror: true, emptyDir: true),
        PlannerFixture.pod("old-1", owner: nil, terminating: true, emptyDir: true),
    ]

    @Test(arguments: [
        ("web-1", [DrainPlanner.Obstacle]()), ("bare-1", [.unmanaged]), ("cache-1", [.localData]), ("scratch-1", [.unmanaged, .localData]),
        ("done-1", []), ("crashed-1", []),
    ])
    func obstaclesFollowKubectl(name: String, expected: [DrainPlanner.Obstacle]) throws {
        let pod = try #require(Self.mixed.first { $0.metadata.name == name })
        #expect(DrainPlanner.obstacles(pod) == expected)
    }

    @Test(arguments: [
        ([String: JSONValue](), RefusalReason?.some(.unmanagedPods)),
        (["force": false], .unmanagedPods),
        (["force": false, "deleteEmptyDirData": true], .unmanagedPods),
        (["deleteEmptyDirData": true], .unmanagedPods),
        (["force": true], .localData),
        (["force": true, "deleteEmptyDirData": false], .localData),
        (["force": true, "deleteEmptyDirData": true], nil),
    ])
    func refusesUnmanagedPodsAndLocalDataUnlessAllowed(parameters: [String: JSONValue], reason: RefusalReason?) throws {
        for node in [PlannerFixture.node(), PlannerFixture.node(unschedulable: true)] {
            let decision = DrainPlanner.plan(PlannerFixture.input(.drainNode, node, resource: .nodes, parameters: parameters), pods: Self.mixed)
            #expect(decision.refusalReason == reason, "\(parameters): \(decision)")
            if reason == nil {
                let plan = try #require(decision.plan)
                let evicted = plan.operations.compactMap { operation -> String? in
                    guard case .evict(let request) = operation else { return nil }
                    return request.name
                }
                #expect(evicted == ["bare-1", "cache-1", "crashed-1", "done-1", "scratch-1", "web-1"])
            }
        }
    }

    @Test func theRefusalNamesEveryHeldBackPodAndTheParameterThatAllowsIt() {
        let decision = DrainPlanner.plan(PlannerFixture.input(.drainNode, PlannerFixture.node(), resource: .nodes), pods: Self.mixed)
        #expect(decision == .refuse(Refusal(
            .unmanagedPods,
            "draining Node n1 would evict 2 pods no controller re-creates (shop/bare-1, shop/scratch-1); set force: true to evict them; "
                + "and 2 pods whose emptyDir data would be lost (shop/cache-1, shop/scratch-1); set deleteEmptyDirData: true to evict them")))
        let forced = DrainPlanner.plan(
            PlannerFixture.input(.drainNode, PlannerFixture.node(), resource: .nodes, parameters: ["force": true]), pods: Self.mixed)
        #expect(forced == .refuse(Refusal(
            .localData,
            "draining Node n1 would evict 2 pods whose emptyDir data would be lost (shop/cache-1, shop/scratch-1); set deleteEmptyDirData: true to evict them")))
    }

    @Test func skippedPodsNeverHoldTheDrainBack() throws {
        let skippedOnly = Self.mixed.filter { DrainPlanner.skipReason($0) != nil }
        #expect(skippedOnly.count == 3)
        let plan = try #require(DrainPlanner.plan(PlannerFixture.input(.drainNode, PlannerFixture.node(), resource: .nodes), pods: skippedOnly).plan)
        #expect(plan.operations.count == 1, "only the cordon")
        #expect(plan.before["skippedPods"] == ["shop/ds-1 (DaemonSet pod)", "shop/old-1 (already terminating)", "shop/static-1 (mirror pod)"])
    }

    @Test func anEmptyCordonedNodeIsDoneOrAlreadyApplied() {
        let plain = DrainPlanner.plan(PlannerFixture.input(.drainNode, PlannerFixture.node(unschedulable: true), resource: .nodes), pods: [PlannerFixture.pod("ds", owner: "DaemonSet")])
        #expect(plain.refusalReason == .nothingToDo)
        let stamped = PlannerFixture.node(unschedulable: true, annotations: [AppliedRecord.actionIdKey: .string(PlannerFixture.actionId)])
        guard case .alreadyApplied = DrainPlanner.plan(PlannerFixture.input(.drainNode, stamped, resource: .nodes), pods: []) else {
            Issue.record("expected alreadyApplied")
            return
        }
    }
}

@Suite struct VolumeExpansionPlannerTests {
    let claim = PlannerFixture.object([
        "apiVersion": "v1", "kind": "PersistentVolumeClaim",
        "metadata": ["name": "data", "namespace": "shop", "resourceVersion": "5"],
        "spec": ["storageClassName": "fast", "resources": ["requests": ["storage": "10Gi"]]],
    ])
    let expandable = StorageClassFacts(name: "fast", allowVolumeExpansion: true)

    @Test(arguments: [
        (["size": "20Gi"] as [String: JSONValue], "20Gi"), (["factor": 1.5], "15Gi"), (["factor": 1.05], "11Gi"),
    ])
    func growsTheRequest(parameters: [String: JSONValue], expected: String) throws {
        let decision = VolumeExpansionPlanner.plan(
            PlannerFixture.input(.expandPVC, claim, resource: .persistentVolumeClaims, parameters: parameters), storageClass: expandable)
        let body = try #require(decision.firstPatchBody)
        #expect(body.value(at: ["spec", "resources", "requests", "storage"]) == .string(expected))
        #expect(try #require(decision.plan).changes == [FieldChange(path: "spec.resources.requests.storage", from: "10Gi", to: .string(expected))])
    }

    @Test(arguments: [
        (["size": "20Gi"] as [String: JSONValue], StorageClassFacts?(StorageClassFacts(name: "slow", allowVolumeExpansion: false)), [String: JSONValue](), RefusalReason.storageClassNotExpandable),
        (["size": "20Gi"], StorageClassFacts?.none, [:], .storageClassNotExpandable),
        (["size": "10Gi"], StorageClassFacts(name: "fast", allowVolumeExpansion: true), [:], .sizeWouldShrink),
        (["size": "5Gi"], StorageClassFacts(name: "fast", allowVolumeExpansion: true), [:], .sizeWouldShrink),
        (["size": "50Gi"], StorageClassFacts(name: "fast", allowVolumeExpansion: true), ["maxSize": "40Gi"], .exceedsLimit),
    ])
    func refuses(parameters: [String: JSONValue], storageClass: StorageClassFacts?, limits: [String: JSONValue], reason: RefusalReason) {
        let decision = VolumeExpansionPlanner.plan(
            PlannerFixture.input(.expandPVC, claim, resource: .persistentVolumeClaims, parameters: parameters, limits: limits),
            storageClass: storageClass)
        #expect(decision.refusalReason == reason)
    }
}

@Suite struct AutoscalerPlannerTests {
    let hpa = PlannerFixture.object([
        "apiVersion": "autoscaling/v2beta2", "kind": "HorizontalPodAutoscaler",
        "metadata": ["name": "web", "namespace": "shop", "resourceVersion": "9"],
        "spec": ["minReplicas": 2, "maxReplicas": 5, "scaleTargetRef": ["kind": "Deployment", "name": "web"]],
    ])

    @Test(arguments: [
        (["maxReplicas": 8] as [String: JSONValue], ["spec.maxReplicas"]),
        (["minReplicas": 3, "maxReplicas": 6], ["spec.minReplicas", "spec.maxReplicas"]),
    ])
    func setsBounds(parameters: [String: JSONValue], paths: [String]) throws {
        let plan = try #require(AutoscalerPlanner.plan(
            PlannerFixture.input(.updateHPA, hpa, resource: .horizontalPodAutoscalers, parameters: parameters)).plan)
        #expect(plan.changes.map(\.path) == paths)
    }

    @Test(arguments: [
        (["minReplicas": 6] as [String: JSONValue], RefusalReason.invalidParameters),
        (["minReplicas": 2, "maxReplicas": 5], .nothingToDo),
        ([:], .invalidParameters),
    ])
    func refuses(parameters: [String: JSONValue], reason: RefusalReason) {
        #expect(AutoscalerPlanner.plan(PlannerFixture.input(.updateHPA, hpa, resource: .horizontalPodAutoscalers, parameters: parameters)).refusalReason == reason)
    }
}
