import BallastAPI
import BallastCtl
import Testing

@Suite("TargetArgument: kind/name on the command line")
struct TargetArgumentTests {
    @Test("kinds, aliases and group suffixes resolve to the canonical kind", arguments: [
        ("deployment/web", "Deployment", "apps/v1", "deployment-web"),
        ("deploy/web", "Deployment", "apps/v1", "deployment-web"),
        ("Deployments/web", "Deployment", "apps/v1", "deployment-web"),
        ("deployment.apps/web", "Deployment", "apps/v1", "deployment-web"),
        ("sts/db-0", "StatefulSet", "apps/v1", "statefulset-db-0"),
        ("ds/agent", "DaemonSet", "apps/v1", "daemonset-agent"),
        ("po/web-7d4b9c6f5-8kz2m", "Pod", "v1", "pod-web-7d4b9c6f5-8kz2m"),
        ("node/worker-1", "Node", "v1", "node-worker-1"),
        ("pvc/data", "PersistentVolumeClaim", "v1", "persistentvolumeclaim-data"),
        ("hpa/web", "HorizontalPodAutoscaler", "autoscaling/v2beta2", "horizontalpodautoscaler-web"),
    ])
    func parses(text: String, kind: String, apiVersion: String, history: String) throws {
        let target = try TargetArgument(parsing: text)
        #expect(target.kind.kind == kind)
        #expect(target.kind.apiVersion == apiVersion)
        #expect(target.historyName == history)
    }

    @Test("the history name is the operator's: ActionHistory.name(for:), hashed when too long")
    func historyNameMatchesOperator() throws {
        let long = String(repeating: "a", count: 70)
        let target = try TargetArgument(parsing: "deployment/\(long)")
        let reference = TargetReference(apiVersion: "apps/v1", kind: "Deployment", namespace: "shop", name: long)
        #expect(target.historyName == ActionHistory.name(for: reference))
        #expect(target.historyName.count <= 63)
    }

    @Test("namespaces are kept for namespaced kinds and dropped for nodes")
    func reference() throws {
        #expect(try TargetArgument(parsing: "deployment/web").reference(namespace: "shop").namespace == "shop")
        #expect(try TargetArgument(parsing: "node/worker-1").reference(namespace: "shop").namespace == nil)
    }

    @Test("bad input is refused with a message saying what is wrong", arguments: [
        ("web", "is not kind/name"),
        ("deployment/", "is not kind/name"),
        ("/web", "is not kind/name"),
        ("deployment/web/x", "is not kind/name"),
        ("service/web", "unknown kind \"service\""),
        ("deployment/Web", "is not a valid Deployment name"),
        ("deployment/-web", "is not a valid Deployment name"),
    ])
    func refuses(text: String, fragment: String) {
        let error = #expect(throws: CtlError.self) { try TargetArgument(parsing: text) }
        #expect(error?.kind == .usage)
        #expect(error?.exitCode == 1)
        #expect(error?.message.contains(fragment) == true)
    }
}
