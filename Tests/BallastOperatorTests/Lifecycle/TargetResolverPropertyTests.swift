import BallastAPI
import PropertyBased
import Testing
@testable import BallastOperator

/// The alert's text is data: whatever its labels and annotations say, resolution never names a
/// target outside the request's namespace (nodes aside), never one its labels did not name, and
/// annotations never matter.
@Suite("TargetResolver properties")
struct TargetResolverPropertyTests {
    static let keys = ["deployment", "statefulset", "daemonset", "pod", "node", "persistentvolumeclaim", "namespace", "service", "instance"]
    static let values = ["web", "shop", "kube-system", "db-0", "../x", "Web", "", "a.b", "worker-1"]
    static func pick(_ values: [String]) -> Generator<String, Shrink.Integer<Int>> {
        Gen.int(in: 0...(values.count - 1)).map { values[$0] }
    }
    static let labels = zip(pick(keys), pick(values)).array(of: 0...5).map { pairs in
        Dictionary(pairs, uniquingKeysWith: { first, _ in first })
    }

    @Test("resolution stays inside the request's namespace and names only what a label named")
    func neverWidens() async {
        await propertyCheck(count: 500, input: Self.labels, Self.labels) { labels, annotations in
            let spec = RemediationRequestSpec(alert: AlertInfo(name: "A", labels: labels, annotations: annotations))
            let result = TargetResolver.resolve(spec, requestNamespace: "shop")
            var noisy = spec
            noisy.alert?.annotations = nil
            #expect(TargetResolver.resolve(noisy, requestNamespace: "shop") == result)
            guard case .success(let candidate) = result else { return }
            switch candidate {
            case .object(let target):
                #expect(target.kind == "Node" ? target.namespace == nil : target.namespace == "shop")
                #expect(labels.contains { $0.key != "namespace" && $0.value == target.name })
                #expect(TargetResolver.isObjectName(target.name))
            case .ownerOfPod(let namespace, let name):
                #expect(namespace == "shop" && labels["pod"] == name)
            }
        }
    }

    @Test("the spec fingerprint ignores approval and notices every other field")
    func fingerprint() async {
        await propertyCheck(count: 200, input: Self.labels, Gen.int(in: 0...3)) { labels, field in
            let base = RemediationRequestSpec(alert: AlertInfo(name: "A", labels: labels))
            var approved = base
            approved.approval = Approval(decision: .approved, by: "alice")
            #expect(SpecFingerprint(approved).changedFields(since: SpecFingerprint(base)).isEmpty)
            var changed = base
            switch field {
            case 0: changed.alert?.labels = labels.merging(["extra": "1"]) { $1 }
            case 1: changed.mode = .dryRun
            case 2: changed.allowedActions = [.notifyOnly]
            default: changed.target = TargetReference(apiVersion: "v1", kind: "Node", name: "n")
            }
            #expect(!SpecFingerprint(changed).changedFields(since: SpecFingerprint(base)).isEmpty)
        }
    }
}
