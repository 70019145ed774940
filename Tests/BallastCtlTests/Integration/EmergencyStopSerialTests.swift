import BallastAPI
import BallastCtl
import ClusterTestSupport
import Foundation
import KubeClient
import KubeTypes
import Testing

/// `stop` and `resume` against the real API server, with a stand-in operator writing status.
///
/// A `…SerialTests` suite (hack/test.sh runs it alone in its second pass) for two reasons: one
/// test creates a policy without selectors (a cluster-wide stop, for a second), and the
/// "never confirmed" test needs no real operator running that could confirm its policy.
@Suite("Emergency stop verbs on the local control plane", .serialized)
struct EmergencyStopSerialTests {
    let env: CtlTestCluster

    init() async throws {
        env = try await CtlTestCluster.prepared()
    }

    private func readPolicy(_ session: CtlSession, _ name: String) async throws -> SafetyPolicy {
        try await session.client.get(SafetyPolicy.self, .safetyPolicies, name: name)
    }

    @Test("stop sets enabled, reason and by, and returns once the operator confirms")
    func stopConfirmed() async throws {
        let name = CtlTestCluster.uniquePolicyName("ctl-stop")
        defer { env.deletePolicy(name) }
        try await env.withSession(namespace: "default", identity: "alice@example.com") { session in
            try await session.client.create(CtlTestCluster.inertPolicy(name), .safetyPolicies)
            async let confirmed = StandInOperator(client: session.client).confirm(policy: name, enabled: true)
            let result = try await EmergencyStopVerb(session: session, policyName: name, timeout: .seconds(20))
                .stop(reason: "INC-4711: database failover")
            #expect(try await confirmed)
            #expect(result.confirmedAfter != nil)
            #expect(result.unconfirmed == nil)
            #expect(!result.created)
            let stored = try await readPolicy(session, name)
            #expect(stored.spec.emergencyStop == EmergencyStop(enabled: true, reason: "INC-4711: database failover", by: "alice@example.com"))
            #expect(stored.status?.emergencyStop?.active == true)
            #expect(stored.spec.namespaceSelector != nil, "the rest of the spec is untouched")
            let managers = try await env.cluster.kubectlChecked([
                "get", "safetypolicy", name, "--show-managed-fields", "-o", "jsonpath={.metadata.managedFields[*].manager}",
            ])
            #expect(managers.split(separator: " ").contains(Substring(CtlSession.fieldManager)), "the write is attributed to kubectl-ballast")
            #expect(result.render(now: Date()).contains("Confirmed by the operator after"))
        }
    }

    @Test("no operator: exit code 3 after the timeout, and the stop stays in the spec")
    func stopUnconfirmed() async throws {
        let name = CtlTestCluster.uniquePolicyName("ctl-noop")
        defer { env.deletePolicy(name) }
        try await env.withSession(namespace: "default") { session in
            try await session.client.create(CtlTestCluster.inertPolicy(name), .safetyPolicies)
            let started = ContinuousClock.now
            let result = try await EmergencyStopVerb(session: session, policyName: name, timeout: .seconds(1)).stop(reason: nil)
            #expect(ContinuousClock.now - started >= .seconds(1))
            #expect(result.confirmedAfter == nil)
            #expect(result.unconfirmed?.exitCode == 3)
            #expect(result.unconfirmed?.message == "emergency stop is set in spec but no operator confirmed it within 1s — is Ballast running?")
            #expect(result.render(now: Date()).contains("\nNo operator confirmed it within 1s."))
            #expect(try await readPolicy(session, name).spec.emergencyStop?.enabled == true)
        }
    }

    @Test("resume clears the stop (reason and by too) and returns once the operator confirms")
    func resumeConfirmed() async throws {
        let name = CtlTestCluster.uniquePolicyName("ctl-resume")
        defer { env.deletePolicy(name) }
        try await env.withSession(namespace: "default") { session in
            let policy = CtlTestCluster.inertPolicy(name, stop: EmergencyStop(enabled: true, reason: "INC-1", by: "bob"))
            try await session.client.create(policy, .safetyPolicies)
            async let confirmed = StandInOperator(client: session.client).confirm(policy: name, enabled: false)
            let result = try await EmergencyStopVerb(session: session, policyName: name, timeout: .seconds(20)).resume()
            #expect(try await confirmed)
            #expect(!result.deleted)
            let stored = try await readPolicy(session, name)
            #expect(stored.spec.emergencyStop == EmergencyStop(enabled: false))
            #expect(stored.status?.emergencyStop?.active == false)
        }
    }

    @Test("stop creates a missing policy with only the stop; resume deletes it again")
    func createAndDelete() async throws {
        let name = CtlTestCluster.uniquePolicyName("ctl-created")
        defer { env.deletePolicy(name) }
        try await env.withSession(namespace: "default") { session in
            async let confirmed = StandInOperator(client: session.client).confirm(policy: name, enabled: true)
            let stopped = try await EmergencyStopVerb(session: session, policyName: name, timeout: .seconds(20)).stop(reason: "drill")
            #expect(try await confirmed)
            #expect(stopped.created)
            let created = try await readPolicy(session, name)
            #expect(EmergencyStopChange.isOnlyAStop(created))
            #expect(stopped.render(now: Date()).hasPrefix("SafetyPolicy \(name) did not exist: created it with only the emergency stop"))

            let resumed = try await EmergencyStopVerb(session: session, policyName: name).resume()
            #expect(resumed.deleted)
            await #expect(throws: KubeError.self) { try await readPolicy(session, name) }
        }
    }

    @Test("resume of a policy that does not exist: exit code 2 naming it")
    func resumeMissing() async throws {
        let name = CtlTestCluster.uniquePolicyName("ctl-missing")
        try await env.withSession(namespace: "default") { session in
            let error = await #expect(throws: CtlError.self) {
                try await EmergencyStopVerb(session: session, policyName: name).resume()
            }
            #expect(error?.exitCode == 2)
            #expect(error?.message == "safetypolicy \(name) not found: there is no emergency stop on it to resume")
        }
    }

    @Test("a user without RBAC gets exit code 2 naming the verb and the policy")
    func forbidden() async throws {
        let name = CtlTestCluster.uniquePolicyName("ctl-forbidden")
        try await env.withSession(namespace: "default", kubeconfig: env.cluster.lowPrivilegeKubeconfig) { session in
            let error = await #expect(throws: CtlError.self) {
                try await EmergencyStopVerb(session: session, policyName: name).stop(reason: nil)
            }
            #expect(error?.kind == .forbidden)
            #expect(error?.exitCode == 2)
            #expect(error?.message.hasPrefix("cannot get safetypolicy \(name): forbidden") == true)
        }
    }

    @Test("kubectl ballast stop without an operator: prints what it set, then exits 3 with the message")
    func binaryExitCode3() async throws {
        let plugins = try KubectlPluginTests.pluginDirectory(binary: OperatorProcess.binary().path)
        defer { try? FileManager.default.removeItem(at: plugins) }
        let name = CtlTestCluster.uniquePolicyName("ctl-exit3")
        defer { env.deletePolicy(name) }
        try await env.withSession(namespace: "default") { session in
            try await session.client.create(CtlTestCluster.inertPolicy(name), .safetyPolicies)
        }
        let result = try await KubectlPluginTests.kubectl(
            ["ballast", "stop", "--policy", name, "--reason", "drill", "--as-user", "dana", "--timeout", "1s", "-o", "json"],
            pluginPath: plugins, kubeconfig: env.cluster.adminKubeconfig)
        #expect(result.status == 3)
        #expect(result.stderr == "error: emergency stop is set in spec but no operator confirmed it within 1s — is Ballast running?\n")
        let printed = try JSONDecoder.kubernetes().decode(JSONValue.self, from: Data(result.stdout.utf8))
        #expect(printed["confirmed"] == false)
        #expect(printed["emergencyStop"] == ["enabled": true, "reason": "drill", "by": "dana"])
    }

    @Test("with the real operator (ballast run): kubectl ballast stop and resume are confirmed and exit 0")
    func realOperatorConfirms() async throws {
        let plugins = try KubectlPluginTests.pluginDirectory(binary: OperatorProcess.binary().path)
        defer { try? FileManager.default.removeItem(at: plugins) }
        let name = CtlTestCluster.uniquePolicyName("ctl-real")
        defer { env.deletePolicy(name) }
        let kubeconfig = env.cluster.adminKubeconfig
        try await env.withNamespace("ctl-real") { namespace in
            try await env.withSession(namespace: namespace) { session in
                try await session.client.create(CtlTestCluster.inertPolicy(name), .safetyPolicies)
            }
            let operatorProcess = try await OperatorProcess.start(
                OperatorProcess.Configuration(kubeconfig: kubeconfig, namespace: namespace), lifetime: .seconds(120))
            let stop = try? await KubectlPluginTests.kubectl(
                ["ballast", "stop", "--policy", name, "--reason", "e2e", "--timeout", "30s"], pluginPath: plugins, kubeconfig: kubeconfig)
            let resume = try? await KubectlPluginTests.kubectl(
                ["ballast", "resume", "--policy", name, "--timeout", "30s"], pluginPath: plugins, kubeconfig: kubeconfig)
            let log = operatorProcess.logTail()
            _ = await operatorProcess.stop()
            #expect(stop?.status == 0, "\(stop?.stderr ?? "kubectl did not run")\n\(log)")
            #expect(stop?.stdout.contains("Confirmed by the operator after") == true)
            #expect(resume?.status == 0, "\(resume?.stderr ?? "kubectl did not run")\n\(log)")
            #expect(resume?.stdout.contains("Emergency stop cleared on SafetyPolicy \(name).\nConfirmed by the operator") == true)
        }
    }
}
