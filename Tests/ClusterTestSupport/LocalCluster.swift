import Foundation

/// The local control plane started by `hack/cluster.sh up` (or by `hack/test.sh`), found
/// through the environment variables that `hack/cluster.sh env` prints.
///
/// Integration tests call ``LocalCluster/current()``; when no cluster is configured it throws
/// an error that says how to start one, so a test never silently passes or skips.
public struct LocalCluster: Sendable {
    /// `https://127.0.0.1:<port>` of kube-apiserver.
    public let apiServer: String
    /// Kubeconfig of an admin (static token, group `system:masters`).
    public let adminKubeconfig: String
    /// Kubeconfig of a user with a valid token and no RBAC bindings at all.
    public let lowPrivilegeKubeconfig: String
    /// Kubeconfig that authenticates with a client certificate (group `system:masters`).
    public let certificateKubeconfig: String
    /// The state directory (holds `pki/ca.crt`, logs and pid files).
    public let directory: String
    /// Path of `hack/cluster.sh`, for fault injection (stop/start the API server).
    public let script: String

    /// Why the cluster cannot be used.
    public struct Unavailable: Error, CustomStringConvertible {
        public let description: String
    }

    /// The running cluster described by the environment.
    /// - Throws: ``Unavailable`` naming the missing variable and how to start a cluster.
    public static func current() throws -> LocalCluster {
        let env = ProcessInfo.processInfo.environment
        func require(_ name: String) throws -> String {
            guard let value = env[name], !value.isEmpty else {
                throw Unavailable(description: """
                    \(name) is not set: integration tests need the local control plane. \
                    Run them with hack/test.sh, or start one with \
                    `eval "$(hack/cluster.sh up)"` before `swift test`.
                    """)
            }
            return value
        }
        return LocalCluster(
            apiServer: try require("BALLAST_TEST_APISERVER"),
            adminKubeconfig: try require("BALLAST_TEST_KUBECONFIG"),
            lowPrivilegeKubeconfig: try require("BALLAST_TEST_KUBECONFIG_LOWPRIV"),
            certificateKubeconfig: try require("BALLAST_TEST_KUBECONFIG_CERT"),
            directory: try require("BALLAST_TEST_CLUSTER_DIR"),
            script: try require("BALLAST_TEST_CLUSTER_SCRIPT"))
    }

    /// Path of the CA that signed the API server's serving certificate.
    public var caFile: String { "\(directory)/pki/ca.crt" }

    /// Runs `kubectl` as the admin (or with `kubeconfig`) and returns its result.
    @discardableResult
    public func kubectl(
        _ arguments: [String], input: String? = nil, kubeconfig: String? = nil
    ) async throws -> CommandResult {
        try await Command.run(
            "kubectl", arguments,
            environment: ["KUBECONFIG": kubeconfig ?? adminKubeconfig], input: input)
    }

    /// Runs `kubectl` and throws unless it exits 0; returns standard output.
    @discardableResult
    public func kubectlChecked(
        _ arguments: [String], input: String? = nil, kubeconfig: String? = nil
    ) async throws -> String {
        let result = try await kubectl(arguments, input: input, kubeconfig: kubeconfig)
        guard result.status == 0 else {
            throw CommandFailure(command: "kubectl " + arguments.joined(separator: " "), result: result)
        }
        return result.stdout
    }

    /// `kubectl apply` of cluster-wide definitions (CRDs) that other tests of this process, or
    /// another process, may be applying at the same moment: `apply` creates what it does not
    /// see yet, so two of them racing make one fail with AlreadyExists — harmless, and the next
    /// apply just updates. Retried (up to five times) on exactly that error.
    @discardableResult
    public func applyShared(_ arguments: [String]) async throws -> String {
        for attempt in 1... {
            do {
                return try await kubectlChecked(["apply"] + arguments)
            } catch let failure as CommandFailure where attempt < 5 && failure.result.stderr.contains("AlreadyExists") {
                try await Task.sleep(for: .milliseconds(200 * attempt))
            }
        }
        fatalError("unreachable: the loop returns or throws")
    }

    /// Creates a fresh namespace named `<prefix>-<random>` and returns its name once pods can
    /// be created in it.
    ///
    /// The ServiceAccount admission plugin refuses pods (500 "No API token found for service
    /// account default") until the token controller has given the namespace's `default`
    /// ServiceAccount its token, which takes a moment on a loaded machine; this waits for it
    /// (at most 60 s, then throws).
    public func makeNamespace(_ prefix: String) async throws -> String {
        let suffix = UUID().uuidString.prefix(8).lowercased()
        let name = "\(prefix.lowercased())-\(suffix)"
        try await kubectlChecked(["create", "namespace", name])
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline {
            let token = try? await kubectlChecked([
                "get", "serviceaccount", "default", "-n", name, "-o", "jsonpath={.secrets[0].name}",
            ])
            if let token, !token.isEmpty { return name }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw Unavailable(description: "namespace \(name): the default ServiceAccount got no token within 60 s")
    }

    /// Deletes a namespace without waiting for its contents to be finalized (nor for kubectl:
    /// safe to call from a `defer`).
    public func deleteNamespace(_ name: String) {
        kubectlInBackground(["delete", "namespace", name, "--wait=false", "--ignore-not-found"])
    }

    /// Starts `kubectl` as the admin (or with `kubeconfig`) and returns at once: for cleanup
    /// in a `defer`, which cannot wait.
    public func kubectlInBackground(_ arguments: [String], kubeconfig: String? = nil) {
        Command.start("kubectl", arguments, environment: ["KUBECONFIG": kubeconfig ?? adminKubeconfig])
    }

    /// Fault injection: stops kube-apiserver (etcd and the controller manager keep running).
    public func stopAPIServer() async throws {
        let result = try await Command.run(script, ["stop-apiserver"], environment: ["BALLAST_CLUSTER_DIR": directory])
        guard result.status == 0 else { throw CommandFailure(command: "cluster.sh stop-apiserver", result: result) }
    }

    /// Starts kube-apiserver again with the same flags and waits until it is ready.
    public func startAPIServer() async throws {
        let result = try await Command.run(script, ["start-apiserver"], environment: ["BALLAST_CLUSTER_DIR": directory])
        guard result.status == 0 else { throw CommandFailure(command: "cluster.sh start-apiserver", result: result) }
    }
}
