import BallastAPI
import Testing
@testable import BallastOperator

@Suite("TargetResolver")
struct TargetResolverTests {
    private func resolve(_ labels: [String: String], target: TargetReference? = nil) -> Result<TargetCandidate, TargetUnresolvable> {
        TargetResolver.resolve(
            RemediationRequestSpec(alert: AlertInfo(name: "A", labels: labels), target: target), requestNamespace: "shop")
    }

    @Test("each target label maps to its kind in the request's namespace", arguments: [
        ("deployment", "apps/v1", "Deployment"), ("statefulset", "apps/v1", "StatefulSet"),
        ("daemonset", "apps/v1", "DaemonSet"), ("persistentvolumeclaim", "v1", "PersistentVolumeClaim"),
    ])
    func namespacedLabels(label: String, apiVersion: String, kind: String) throws {
        let candidate = try resolve([label: "web", "namespace": "shop"]).get()
        #expect(candidate == .object(TargetReference(apiVersion: apiVersion, kind: kind, namespace: "shop", name: "web")))
    }

    @Test("a pod label asks for the owner chain")
    func podLabel() throws {
        #expect(try resolve(["pod": "web-7d4b9c6f5-8kz2m"]).get() == .ownerOfPod(namespace: "shop", name: "web-7d4b9c6f5-8kz2m"))
    }

    @Test("a node label names a cluster-scoped node")
    func nodeLabel() throws {
        #expect(try resolve(["node": "worker-1"]).get() == .object(TargetReference(apiVersion: "v1", kind: "Node", name: "worker-1")))
    }

    @Test("an explicit spec.target wins over labels and defaults to the request's namespace")
    func explicitTarget() throws {
        let explicit = TargetReference(apiVersion: "apps/v1", kind: "StatefulSet", name: "db", uid: "forged")
        let candidate = try resolve(["deployment": "web"], target: explicit).get()
        #expect(candidate == .object(TargetReference(apiVersion: "apps/v1", kind: "StatefulSet", namespace: "shop", name: "db")))
    }

    @Test("missing, ambiguous, foreign-namespace and malformed labels are unresolvable and name what was seen", arguments: [
        ([:], "no target label"),
        (["alertname": "A", "instance": "10.0.0.1"], "instance=10.0.0.1"),
        (["deployment": "web", "pod": "web-1"], "more than one target label"),
        (["deployment": "web", "namespace": "kube-system"], "namespace=\"kube-system\""),
        (["deployment": "../etc", "namespace": "shop"], "not a valid object name"),
        (["deployment": "Web", "namespace": "shop"], "not a valid object name"),
        (["deployment": "", "namespace": "shop"], "not a valid object name"),
    ])
    func unresolvable(labels: [String: String], mentions: String) {
        guard case .failure(let problem) = resolve(labels) else {
            Issue.record("expected \(labels) to be unresolvable")
            return
        }
        #expect(problem.message.contains(mentions), "\(problem.message)")
    }
}

@Suite("SpecFingerprint")
struct SpecFingerprintTests {
    @Test("round-trips through the annotation")
    func roundTrip() throws {
        let fingerprint = SpecFingerprint(LifecycleFixture.alertSpec)
        let parsed = try #require(SpecFingerprint(annotation: fingerprint.annotation))
        #expect(parsed == fingerprint)
        #expect(fingerprint.changedFields(since: parsed).isEmpty)
    }

    @Test("approval is not part of the fingerprint")
    func approvalIgnored() {
        var approved = LifecycleFixture.alertSpec
        approved.approval = Approval(decision: .approved, by: "alice")
        #expect(SpecFingerprint(approved) == SpecFingerprint(LifecycleFixture.alertSpec))
    }

    @Test("names each changed field")
    func namesFields() {
        var changed = LifecycleFixture.alertSpec
        changed.mode = .auto
        changed.allowedActions = [.deletePod]
        #expect(SpecFingerprint(changed).changedFields(since: SpecFingerprint(LifecycleFixture.alertSpec)) == ["spec.allowedActions", "spec.mode"])
    }

    @Test("rejects malformed annotations", arguments: ["", "garbage", "a=1,b"])
    func malformed(text: String) {
        #expect(SpecFingerprint(annotation: text) == nil)
    }
}
