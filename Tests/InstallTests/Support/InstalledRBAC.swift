import ClusterTestSupport
import Foundation

/// config/rbac applied for real in a test's namespace, every name suffixed with the namespace
/// so parallel tests' ClusterRoles do not collide. ``remove()`` deletes the cluster-scoped
/// objects and the namespaces.
struct InstalledRBAC {
    let cluster: LocalCluster
    /// The operator's namespace (its ServiceAccount and leader-election Role live here).
    let namespace: String
    /// Another namespace, where the operator acts on workloads.
    let workloadNamespace: String
    private let overlay: Overlay

    /// The ServiceAccount's user name, for `--as` and SubjectAccessReviews.
    var user: String { "system:serviceaccount:\(namespace):ballast-\(namespace)" }

    init(_ cluster: LocalCluster) async throws {
        self.cluster = cluster
        namespace = try await cluster.makeNamespace("install-rbac")
        workloadNamespace = try await cluster.makeNamespace("install-workload")
        overlay = try Overlay(base: "config/rbac", namespace: namespace, nameSuffix: "-\(namespace)")
        try await cluster.kubectlChecked(["apply", "-k", overlay.path])
    }

    /// Whether the ServiceAccount may do each of `checks`, answered by the API server's
    /// authorizer in one batch of SubjectAccessReviews.
    func allowed(_ checks: [AccessCheck]) async throws -> [Bool] {
        let groups = "[\"system:serviceaccounts\",\"system:serviceaccounts:\(namespace)\",\"system:authenticated\"]"
        let items = checks.map { check in
            """
            {"apiVersion":"authorization.k8s.io/v1","kind":"SubjectAccessReview","spec":{"user":"\(user)",\
            "groups":\(groups),"resourceAttributes":{"namespace":"\(check.namespace ?? workloadNamespace)",\
            "verb":"\(check.verb)","group":"\(check.group)","resource":"\(check.resource)",\
            "subresource":"\(check.subresource)"}}}
            """
        }
        let list = "{\"apiVersion\":\"v1\",\"kind\":\"List\",\"items\":[\(items.joined(separator: ","))]}"
        let output = try await cluster.kubectlChecked(["create", "-f", "-", "-o", "jsonpath={.status.allowed}{\"\\n\"}"], input: list)
        return output.split(separator: "\n").map { $0 == "true" }
    }

    /// `kubectl auth can-i` as the ServiceAccount: true for "yes", false for "no".
    func canI(_ arguments: [String]) async throws -> Bool {
        let result = try await cluster.kubectl(["auth", "can-i"] + arguments + ["--as=\(user)"])
        return result.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "yes"
    }

    func remove() {
        // In the background (a `defer` cannot wait); the overlay's files stay for kubectl to
        // read and go with the test run's temporary directory.
        cluster.kubectlInBackground(["delete", "-k", overlay.path, "--wait=false", "--ignore-not-found"])
        cluster.deleteNamespace(namespace)
        cluster.deleteNamespace(workloadNamespace)
    }
}

/// One permission to check: verb on group/resource(/subresource), in a namespace (default: the
/// workload namespace).
struct AccessCheck: CustomStringConvertible {
    var verb: String
    var group: String
    var resource: String
    var subresource = ""
    var namespace: String?

    /// A check from a granted triple, splitting `pods/eviction` into resource and subresource.
    init(_ triple: Triple) {
        let parts = triple.resource.split(separator: "/", maxSplits: 1).map(String.init)
        self.init(verb: triple.verb, group: triple.group, resource: parts[0], subresource: parts.count > 1 ? parts[1] : "")
    }

    init(verb: String, group: String, resource: String, subresource: String = "", namespace: String? = nil) {
        self.verb = verb
        self.group = group
        self.resource = resource
        self.subresource = subresource
        self.namespace = namespace
    }

    var description: String {
        "\(verb) \(group.isEmpty ? "core" : group)/\(resource)\(subresource.isEmpty ? "" : "/" + subresource)"
    }
}
