import ClusterTestSupport
import Foundation
import KubeTypes

/// The local control plane with Ballast's CRDs from `crds/` installed (once per test process)
/// and the kubectl verbs the contract tests use. Every call goes to the real API server.
struct ContractCluster: Sendable {
    let cluster: LocalCluster

    private static let installation = Task<LocalCluster, any Error> {
        let cluster = try LocalCluster.current()
        try await cluster.applyShared(["-f", Repository.root.appendingPathComponent("crds").path])
        try await cluster.kubectlChecked(
            ["wait", "--for=condition=Established", "--timeout=60s"]
                + BallastKind.allCases.map { "crd/\($0.qualifiedResource)" })
        return cluster
    }

    /// The cluster, with the CRDs applied and Established.
    /// - Throws: when there is no local cluster or the CRDs are not accepted.
    static func prepared() async throws -> ContractCluster {
        ContractCluster(cluster: try await installation.value)
    }

    /// `--namespace` arguments for `kind` (none for cluster-scoped kinds).
    private func scope(_ kind: BallastKind, _ namespace: String?) -> [String] {
        guard kind.resource.namespaced, let namespace else { return [] }
        return ["--namespace", namespace]
    }

    /// Creates `object` (its `status` is ignored by the API server) and returns kubectl's result;
    /// with `-v=6` its standard error logs the HTTP status (`422 Unprocessable Entity`).
    /// Client-side validation is off so that the API server is the one that judges.
    func create(_ object: JSONValue, kind: BallastKind, namespace: String?) async throws -> CommandResult {
        try await cluster.kubectl(
            ["create", "-f", "-", "--validate=false", "-v=6"] + scope(kind, namespace),
            input: object.canonicalString())
    }

    /// Merge-patches `status` through the `/status` subresource, as the operator writes it, and
    /// returns kubectl's result (standard error logs the HTTP status, as for ``create(_:kind:namespace:)``).
    func patchStatus(_ status: JSONValue, kind: BallastKind, name: String, namespace: String?) async throws -> CommandResult {
        try await cluster.kubectl(
            ["patch", kind.qualifiedResource, name, "--subresource=status", "--type=merge", "-v=6",
             "-p", JSONValue.object(["status": status]).canonicalString()] + scope(kind, namespace))
    }

    /// The stored object as JSON.
    func get(_ kind: BallastKind, name: String, namespace: String?) async throws -> JSONValue {
        let output = try await cluster.kubectlChecked(
            ["get", kind.qualifiedResource, name, "-o", "json"] + scope(kind, namespace))
        return try JSONDecoder.kubernetes().decode(JSONValue.self, from: Data(output.utf8))
    }

    /// Deletes a cluster-scoped object created by a test (namespaced ones go with their namespace).
    func deleteClusterScoped(_ kind: BallastKind, name: String) {
        cluster.kubectlInBackground(["delete", kind.qualifiedResource, name, "--wait=false", "--ignore-not-found"])
    }

    /// Creates `object` under a test-unique identity and applies its `status` through the
    /// subresource, then returns `(what was sent, what the API server stored)`.
    ///
    /// Namespaced objects go into `namespace`; cluster-scoped ones get `-<namespace>` appended to
    /// their name and a namespace selector that matches no namespace, so that a SafetyPolicy
    /// created here can never govern another test's objects.
    func store(_ object: ContractObject, namespace: String) async throws -> (sent: JSONValue, stored: JSONValue) {
        var sent = object.json.removing("status")
        var name = object.name
        if object.kind.resource.namespaced {
            sent = sent.setting(["metadata", "namespace"], to: .string(namespace))
        } else {
            name = "\(name)-\(namespace)"
            sent = sent.setting(["metadata", "name"], to: .string(name))
                .setting(["spec", "namespaceSelector"], to: ["matchLabels": ["ballast.dev/test-scope": .string(namespace)]])
        }
        try await check(create(sent, kind: object.kind, namespace: namespace), "create \(object.origin)")
        if let status = object.json["status"] {
            try await check(patchStatus(status, kind: object.kind, name: name, namespace: namespace), "status of \(object.origin)")
            sent = sent.setting(["status"], to: status)
        }
        return await (sent, try get(object.kind, name: name, namespace: namespace))
    }

    /// A kubectl call that the test needed to succeed and that did not.
    struct KubectlFailed: Error, CustomStringConvertible {
        let what: String
        let result: CommandResult
        var description: String {
            // Drop the request log that -v=6 adds (lines such as `I1121 08:42:22.355 ... GET ...`).
            let messages = result.stderr.split(separator: "\n").filter { line in
                !(line.first == "I" && line.dropFirst().prefix(4).allSatisfy(\.isNumber))
            }
            return "kubectl could not \(what) (exit \(result.status)): \(messages.joined(separator: "\n"))"
        }
    }

    private func check(_ result: CommandResult, _ what: String) throws {
        guard result.status == 0 else { throw KubectlFailed(what: what, result: result) }
    }
}
